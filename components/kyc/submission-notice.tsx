import { useTranslations } from "next-intl";

import type { Item, ItemState } from "@/lib/items/items";

/** Shown on the account page right after a submission: what happens next and how long it takes. */
export function SubmissionNotice({ item, state, reviewHours }: { item: Item; state: ItemState; reviewHours: number }) {
  const t = useTranslations("account");
  const items = useTranslations("items");
  if (state !== "pending" && state !== "verified") return null;
  return (
    <div role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900" data-testid="submission-notice">
      <p className="font-medium">{t("submittedTitle", { item: items(`${item}.label`) })}</p>
      <p className="mt-1">{state === "pending" ? t("submittedPending", { hours: reviewHours }) : t("submittedVerified")}</p>
    </div>
  );
}
