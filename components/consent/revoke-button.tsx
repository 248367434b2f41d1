"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";

import { revokeAction } from "@/app/(account)/account/partners/actions";
import { Button } from "@/components/ui/button";
import { IDLE, type ActionState } from "@/lib/http/action-state";

/**
 * One item (or, without `item`, everything) taken back from a partner, with
 * its outcome announced. `confirm` asks once more first: "Revoke all" undoes
 * many decisions with one click, and only the partner can ask again.
 */
export function RevokeButton({
  partnerOcid,
  item,
  label,
  accessibleLabel,
  confirm,
}: {
  partnerOcid: number;
  item?: string;
  label: string;
  accessibleLabel: string;
  confirm?: string;
}) {
  const t = useTranslations("partners");
  const [state, action, pending] = useActionState<ActionState, FormData>(revokeAction, IDLE);
  const [asking, setAsking] = useState(false);
  return (
    <form action={action} className="flex shrink-0 flex-col items-end gap-1">
      <input type="hidden" name="partnerOcid" value={partnerOcid} />
      {item ? <input type="hidden" name="item" value={item} /> : null}
      {confirm && !asking ? (
        <Button variant="danger" size="sm" onClick={() => setAsking(true)} aria-label={accessibleLabel}>
          {label}
        </Button>
      ) : (
        <div className="flex max-w-64 flex-wrap items-center justify-end gap-2">
          {confirm ? <span className="w-full text-right text-sm text-slate-700">{confirm}</span> : null}
          <Button
            type="submit"
            variant={confirm ? "destructive" : "danger"}
            size="sm"
            disabled={pending}
            aria-label={confirm ? undefined : accessibleLabel}
            autoFocus={Boolean(confirm)}
          >
            {pending ? t("revoking") : confirm ? t("confirmRevokeAll") : label}
          </Button>
          {confirm ? (
            <Button variant="quiet" size="sm" onClick={() => setAsking(false)}>
              {t("cancel")}
            </Button>
          ) : null}
        </div>
      )}
      <span aria-live="polite" className={state.ok ? "text-xs text-slate-600" : "text-xs text-red-700"}>
        {state.message ?? ""}
      </span>
    </form>
  );
}
