"use client";

import { useActionState } from "react";

import { IDLE } from "@/lib/http/action-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { compactInputClass, Field } from "@/components/ui/field";
import { consistencyAction, verifyLogAction, type ConsistencyState, type LogCheckState } from "@/app/(admin)/admin/audit/actions";

const KIND_LABEL = { edited: "Edited", reordered: "Reordered", deleted: "Deleted", forged: "Forged", tree: "Tree altered", signature: "Signature" } as const;

/** "Verify log": checks every entry against its leaf, the tree against the signed heads, and names what does not hold. */
export function VerifyLog() {
  const [state, action, pending] = useActionState<LogCheckState>(verifyLogAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Verifying…" : "Verify log"}
        </Button>
        {state.message ? (
          <p role="status" data-testid="log-result" data-ok={state.ok} className={`min-w-0 flex-1 basis-64 text-sm ${state.ok ? "text-emerald-800" : "font-medium text-red-800"}`}>
            {state.message}
          </p>
        ) : null}
      </div>
      {state.findings?.length ? (
        <ul className="space-y-1 text-sm" aria-label="Problems found" data-testid="log-findings">
          {state.findings.map((finding, i) => (
            <li key={i} className="flex flex-wrap gap-2" data-kind={finding.kind}>
              <Badge tone="danger">{KIND_LABEL[finding.kind]}</Badge>
              <span>{finding.message}</span>
              {finding.entryId ? (
                <a href={`/admin/audit/${finding.entryId}`} className="underline">
                  Show entry #{finding.entryId}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}

/** An auditor pastes a head kept earlier and gets RFC 9162's consistency proof to the latest one. */
export function ConsistencyCheck() {
  const [state, action, pending] = useActionState<ConsistencyState, FormData>(consistencyAction, IDLE);
  const consistencyError = state.ok ? undefined : state.message;
  return (
    <form action={action} className="space-y-3">
      <Field id="consistency-head" label="A tree head you kept (JSON)" error={consistencyError} className="grid gap-1">
        {(control) => (
          <textarea
            {...control}
            name="head"
            required
            rows={3}
            placeholder='{"size": 120, "rootHash": "…", "timestamp": …, "publicKey": "…", "signature": "…"}'
            className={`${compactInputClass} font-mono text-xs`}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        {pending ? "Proving…" : "Prove consistency"}
      </Button>
      {state.result ? (
        <div role="status" data-testid="consistency-result" data-ok={state.result.consistent} className="space-y-2 text-sm">
          <p className={state.result.consistent ? "text-emerald-800" : "font-medium text-red-800"}>
            {state.result.consistent
              ? `Consistent: the log of ${state.result.to.size.toLocaleString("en")} entries extends the one of ${state.result.from.size.toLocaleString("en")} you kept, without changing it.`
              : `Not consistent: the log was rewritten since the head of ${state.result.from.size.toLocaleString("en")} entries you kept.`}
            {state.result.signatureValid === false ? " The head you pasted does not carry a valid signature of this log." : ""}
          </p>
          <pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs">{JSON.stringify({ from: state.result.from, to: state.result.to, proof: state.result.proof }, null, 2)}</pre>
        </div>
      ) : null}
    </form>
  );
}
