import { useTranslations } from "next-intl";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ItemState } from "@/lib/items/items";

const TONES: Record<ItemState, BadgeTone> = {
  missing: "neutral",
  pending: "warning",
  verified: "success",
  rejected: "danger",
  expired: "caution",
};

export function ItemStateBadge({ state, actionNeeded = false }: { state: ItemState; actionNeeded?: boolean }) {
  const t = useTranslations("itemState");
  // A resubmission request is stored as a rejection, but asks the person for something: it is not a refusal.
  const needed = actionNeeded && state === "rejected";
  return (
    <Badge tone={needed ? "warning" : TONES[state]} data-state={state}>
      {needed ? t("actionNeeded") : t(state)}
    </Badge>
  );
}
