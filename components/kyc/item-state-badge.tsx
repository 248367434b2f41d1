import { useTranslations } from "next-intl";

import type { ItemState } from "@/lib/items/items";

const STYLES: Record<ItemState, string> = {
  missing: "bg-slate-100 text-slate-700 ring-slate-300",
  pending: "bg-amber-50 text-amber-800 ring-amber-300",
  verified: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  rejected: "bg-red-50 text-red-800 ring-red-300",
  expired: "bg-orange-50 text-orange-800 ring-orange-300",
};

// A resubmission request is stored as a rejection, but asks the person for something: it is not a refusal.
const ACTION_NEEDED = "bg-amber-50 text-amber-900 ring-amber-400";

export function ItemStateBadge({ state, actionNeeded = false }: { state: ItemState; actionNeeded?: boolean }) {
  const t = useTranslations("itemState");
  const needed = actionNeeded && state === "rejected";
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${needed ? ACTION_NEEDED : STYLES[state]}`} data-state={state}>
      {needed ? t("actionNeeded") : t(state)}
    </span>
  );
}
