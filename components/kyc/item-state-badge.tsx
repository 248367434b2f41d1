import type { ItemState } from "@/lib/items/items";

const STYLES: Record<ItemState, { label: string; className: string }> = {
  missing: { label: "Missing", className: "bg-slate-100 text-slate-700 ring-slate-300" },
  pending: { label: "Pending review", className: "bg-amber-50 text-amber-800 ring-amber-300" },
  verified: { label: "Verified", className: "bg-emerald-50 text-emerald-800 ring-emerald-300" },
  rejected: { label: "Rejected", className: "bg-red-50 text-red-800 ring-red-300" },
  expired: { label: "Expired", className: "bg-orange-50 text-orange-800 ring-orange-300" },
};

// A resubmission request is stored as a rejection, but asks the person for something: it is not a refusal.
const ACTION_NEEDED = { label: "Action needed", className: "bg-amber-50 text-amber-900 ring-amber-400" };

export function ItemStateBadge({ state, actionNeeded = false }: { state: ItemState; actionNeeded?: boolean }) {
  const style = actionNeeded && state === "rejected" ? ACTION_NEEDED : STYLES[state];
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`} data-state={state}>
      {style.label}
    </span>
  );
}
