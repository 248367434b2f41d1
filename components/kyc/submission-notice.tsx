import { ITEM_INFO, type Item, type ItemState } from "@/lib/items/items";

/** The sentences of the confirmation, with placeholders rather than pieces, so a catalogue can reorder them. */
const TEXT = {
  title: "Thank you: {item} received",
  pending: "A reviewer checks it, usually within {hours} hours. The result appears here; until then partners see it as pending.",
  verified: "It is verified already. Partners you allow see it straight away.",
} as const;

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
}

/** Shown on the account page right after a submission: what happens next and how long it takes. */
export function SubmissionNotice({ item, state, reviewHours }: { item: Item; state: ItemState; reviewHours: number }) {
  if (state !== "pending" && state !== "verified") return null;
  return (
    <div role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900" data-testid="submission-notice">
      <p className="font-medium">{fill(TEXT.title, { item: ITEM_INFO[item].label })}</p>
      <p className="mt-1">{fill(state === "pending" ? TEXT.pending : TEXT.verified, { hours: reviewHours })}</p>
    </div>
  );
}
