"use client";

import { useActionState } from "react";

import { revokeAction } from "@/app/(account)/account/partners/actions";
import type { RevokeState } from "@/lib/consent/revoke-schema";

/** One item (or, without `item`, everything) taken back from a partner, with its outcome announced. */
export function RevokeButton({ partnerOcid, item, label, accessibleLabel, strong }: { partnerOcid: number; item?: string; label: string; accessibleLabel: string; strong?: boolean }) {
  const [state, action, pending] = useActionState<RevokeState, FormData>(revokeAction, { kind: "idle" });
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="partnerOcid" value={partnerOcid} />
      {item ? <input type="hidden" name="item" value={item} /> : null}
      <button
        type="submit"
        disabled={pending}
        aria-label={accessibleLabel}
        className={
          strong
            ? "rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
            : "rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
        }
      >
        {pending ? "Revoking…" : label}
      </button>
      <span aria-live="polite" className={state.kind === "refused" ? "text-xs text-red-700" : "text-xs text-slate-600"}>
        {state.kind === "idle" ? "" : state.message}
      </span>
    </form>
  );
}
