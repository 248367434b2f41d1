"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";

import { revokeAction } from "@/app/(account)/account/partners/actions";
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
  const quiet = "rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60";
  const strong = "rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60";
  return (
    <form action={action} className="flex shrink-0 flex-col items-end gap-1">
      <input type="hidden" name="partnerOcid" value={partnerOcid} />
      {item ? <input type="hidden" name="item" value={item} /> : null}
      {confirm && !asking ? (
        <button type="button" onClick={() => setAsking(true)} aria-label={accessibleLabel} className={quiet}>
          {label}
        </button>
      ) : (
        <div className="flex max-w-64 flex-wrap items-center justify-end gap-2">
          {confirm ? <span className="w-full text-right text-sm text-slate-700">{confirm}</span> : null}
          <button type="submit" disabled={pending} aria-label={confirm ? undefined : accessibleLabel} className={confirm ? strong : quiet} autoFocus={Boolean(confirm)}>
            {pending ? t("revoking") : confirm ? t("confirmRevokeAll") : label}
          </button>
          {confirm ? (
            <button type="button" onClick={() => setAsking(false)} className="rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
              {t("cancel")}
            </button>
          ) : null}
        </div>
      )}
      <span aria-live="polite" className={state.ok ? "text-xs text-slate-600" : "text-xs text-red-700"}>
        {state.message ?? ""}
      </span>
    </form>
  );
}
