"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { regrantAction } from "@/app/(account)/account/partners/actions";
import { Button } from "@/components/ui/button";
import { IDLE, type ActionState } from "@/lib/http/action-state";

/** One denied or revoked item shared with the partner again, with its outcome announced. */
export function RegrantButton({ partnerOcid, item, accessibleLabel }: { partnerOcid: number; item: string; accessibleLabel: string }) {
  const t = useTranslations("partners");
  const [state, action, pending] = useActionState<ActionState, FormData>(regrantAction, IDLE);
  return (
    <form action={action} className="flex shrink-0 flex-col items-end gap-1">
      <input type="hidden" name="partnerOcid" value={partnerOcid} />
      <input type="hidden" name="item" value={item} />
      <Button type="submit" variant="secondary" size="sm" disabled={pending} aria-label={accessibleLabel}>
        {pending ? t("sharing") : t("shareAgain")}
      </Button>
      <span aria-live="polite" className={state.ok ? "text-xs text-slate-600" : "text-xs text-red-700"}>
        {state.message ?? ""}
      </span>
    </form>
  );
}
