"use client";

import { useActionState, useEffect, useRef, useState } from "react";

import { decideAction } from "@/app/(admin)/admin/review-actions";
import { Button } from "@/components/ui/button";
import { compactInputClass, Field } from "@/components/ui/field";
import { IDLE, summaryOf, type ActionState } from "@/lib/http/action-state";
import { CLEARANCE_REASONS, decisionSchema, REJECTION_REASONS } from "@/lib/review/schemas";

type Mode = "reject" | "resubmit" | null;

/** Seconds an approval waits before it is sent, so a slip of the A key can be taken back. */
export const UNDO_SECONDS = 5;

/**
 * Approve, Reject and Request resubmission for one pending item. The buttons
 * carry data-action so the case's keyboard shortcuts can press them.
 */
type Props = {
  userId: string;
  item: string;
  blocker: string | null;
  proposedByMe: boolean;
  proposer: string | null;
  /** The proposer's reason (a label) and note, shown to the reviewer asked to confirm. */
  proposal?: { reason: string | null; note: string | null } | null;
  /** A possible sanctions match: approving it needs a reason. */
  needsClearance?: boolean;
};

export function DecisionPanel({ userId, item, blocker, proposedByMe, proposer, proposal = null, needsClearance = false }: Props) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(decideAction.bind(null, userId), IDLE);
  const [mode, setMode] = useState<Mode>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const error = clientError ?? (summaryOf(state) || undefined);
  const approveForm = useRef<HTMLFormElement>(null);
  const confirmed = useRef(false);
  const [countdown, setCountdown] = useState<number | null>(null);

  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
    setCountdown(null);
  };
  const send = () => {
    stop();
    confirmed.current = true;
    approveForm.current?.requestSubmit();
  };
  useEffect(() => () => {
    if (timer.current) clearInterval(timer.current);
  }, []);

  const holdApproval = (event: React.FormEvent<HTMLFormElement>) => {
    if (confirmed.current) {
      confirmed.current = false;
      return;
    }
    // Nothing is written until the countdown ends: Undo only has to stop the timer.
    event.preventDefault();
    const parsed = decisionSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message ?? "Check the form");
      return;
    }
    setClientError(null);
    let left = UNDO_SECONDS;
    setCountdown(left);
    timer.current = setInterval(() => {
      left -= 1;
      if (left <= 0) send();
      else setCountdown(left);
    }, 1000);
    requestAnimationFrame(() => document.getElementById(`${item}-undo`)?.focus());
  };

  const check = (event: React.FormEvent<HTMLFormElement>) => {
    const parsed = decisionSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      event.preventDefault();
      setClientError(parsed.error.issues[0]?.message ?? "Check the form");
    } else setClientError(null);
  };
  const open = (next: Mode) => {
    setMode(next);
    setClientError(null);
    // Focus the first field once the panel has rendered.
    requestAnimationFrame(() => document.getElementById(next === "reject" ? `${item}-reason` : `${item}-note`)?.focus());
  };

  const approveDisabled = pending || blocker !== null || proposedByMe;
  const field = `${compactInputClass} w-full`;
  return (
    <div className="space-y-3 border-t border-slate-200 pt-3" data-testid={`decision-${item}`}>
      {proposer ? (
        <div className="space-y-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="proposal">
          <p>{proposedByMe ? "You proposed approving this item. A second, different reviewer must confirm it." : `Approval proposed by ${proposer}: confirm it as the second reviewer, or reject.`}</p>
          {proposal?.reason ? (
            <p>
              <span className="font-medium">Why:</span> {proposal.reason}
              {proposal.note ? ` · “${proposal.note}”` : ""}
            </p>
          ) : null}
        </div>
      ) : null}
      {blocker ? <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">{blocker}</p> : null}
      <div className="flex flex-wrap items-start gap-2">
        <form action={formAction} onSubmit={holdApproval} ref={approveForm} className={needsClearance ? "basis-full" : undefined}>
          <input type="hidden" name="decision" value="approve" />
          <input type="hidden" name="item" value={item} />
          {needsClearance ? (
            <div className="mb-2 grid gap-2 sm:grid-cols-2">
              <Field id={`${item}-clearance`} label="Why is the match not this person?" className="grid gap-1">
                {(control) => (
                  <select {...control} name="clearance" required defaultValue="" className={field}>
                    <option value="" disabled>
                      Choose a reason
                    </option>
                    {Object.entries(CLEARANCE_REASONS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`${item}-clearance-note`} label="Clearance note" className="grid gap-1">
                {(control) => <input {...control} name="clearanceNote" maxLength={1000} className={field} placeholder="Needed for “Other”" />}
              </Field>
            </div>
          ) : null}
          <Button type="submit" size="sm" data-action="approve" disabled={approveDisabled || countdown !== null}>
            {proposer && !proposedByMe ? "Confirm approval" : "Approve"} <kbd className="text-xs opacity-75">A</kbd>
          </Button>
        </form>
        <Button variant="danger" size="sm" data-action="reject" onClick={() => open("reject")} aria-expanded={mode === "reject"}>
          Reject <kbd className="text-xs opacity-75">R</kbd>
        </Button>
        <Button variant="secondary" size="sm" data-action="resubmit" onClick={() => open("resubmit")} aria-expanded={mode === "resubmit"}>
          Request resubmission <kbd className="text-xs opacity-75">U</kbd>
        </Button>
      </div>

      {countdown !== null ? (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-slate-300 bg-brand-50 px-3 py-2 text-sm text-slate-900" data-testid="approve-undo">
          <span>
            Approving in {countdown} s…
          </span>
          <Button
            variant="secondary"
            size="sm"
            id={`${item}-undo`}
            onClick={stop}
            onKeyDown={(event) => {
              if (event.key === "Escape") stop();
            }}
          >
            Undo
          </Button>
          <Button variant="quiet" size="sm" onClick={send} className="underline">
            Approve now
          </Button>
        </div>
      ) : null}
      {mode ? (
        <form action={formAction} onSubmit={check} className="grid gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3" aria-label={mode === "reject" ? "Reject" : "Request resubmission"}>
          <input type="hidden" name="decision" value={mode} />
          <input type="hidden" name="item" value={item} />
          {mode === "reject" ? (
            <Field id={`${item}-reason`} label="Reason" className="grid gap-1">
              {(control) => (
                <select {...control} name="reason" required defaultValue="" className={field}>
                  <option value="" disabled>
                    Choose a reason
                  </option>
                  {Object.entries(REJECTION_REASONS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <Field id={`${item}-note`} label="Note to the person" className="grid gap-1">
            {(control) => <textarea {...control} name="noteToUser" rows={2} maxLength={1000} className={field} placeholder="Shown on their account page" />}
          </Field>
          <Field id={`${item}-internal-note`} label="Internal note" className="grid gap-1">
            {(control) => <textarea {...control} name="internalNote" rows={2} maxLength={1000} className={field} placeholder="Staff only" />}
          </Field>
          <div className="flex gap-2">
            <Button type="submit" size="sm" variant={mode === "reject" ? "danger" : "primary"} disabled={pending}>
              {mode === "reject" ? "Confirm rejection" : "Send request"}
            </Button>
            <Button variant="quiet" size="sm" onClick={() => setMode(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
