"use client";

import { useActionState } from "react";

import { verifyChainAction, type ChainState } from "@/app/(admin)/admin/audit/actions";
import { IDLE } from "@/lib/http/action-state";

/** "Verify chain": recomputes every hash on the server and names the first entry that does not hold. */
export function VerifyChain() {
  const [state, action, pending] = useActionState<ChainState>(verifyChainAction, IDLE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {pending ? "Verifying…" : "Verify chain"}
      </button>
      {state.message ? (
        <p role="status" data-testid="chain-result" data-ok={state.ok} className={`text-sm ${state.ok ? "text-emerald-800" : "font-medium text-red-800"}`}>
          {state.message}
          {state.brokenAt ? (
            // The log lists newest first from `before`: this page starts at the broken entry.
            <a href={`/admin/audit?before=${state.brokenAt + 1}#entry-${state.brokenAt}`} className="ml-2 underline">
              Show entry
            </a>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}
