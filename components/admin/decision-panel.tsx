"use client";

import { useActionState, useEffect, useRef, useState } from "react";

import { decideAction } from "@/app/(admin)/admin/review-actions";
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
    requestAnimationFrame(() => document.getElementById(`${item}-${next}-first`)?.focus());
  };

  const approveDisabled = pending || blocker !== null || proposedByMe;
  const field = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
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
              <label className="grid gap-1 text-sm">
                <span className="font-medium">Why is the match not this person?</span>
                <select name="clearance" required defaultValue="" className={field}>
                  <option value="" disabled>
                    Choose a reason
                  </option>
                  {Object.entries(CLEARANCE_REASONS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="grid gap-1 text-sm">
                <span className="font-medium">Clearance note</span>
                <input name="clearanceNote" maxLength={1000} className={field} placeholder="Needed for “Other”" />
              </label>
            </div>
          ) : null}
          <button type="submit" data-action="approve" disabled={approveDisabled || countdown !== null} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50">
            {proposer && !proposedByMe ? "Confirm approval" : "Approve"} <kbd className="ml-1 text-xs opacity-75">A</kbd>
          </button>
        </form>
        <button type="button" data-action="reject" onClick={() => open("reject")} aria-expanded={mode === "reject"} className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50">
          Reject <kbd className="ml-1 text-xs opacity-75">R</kbd>
        </button>
        <button type="button" data-action="resubmit" onClick={() => open("resubmit")} aria-expanded={mode === "resubmit"} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
          Request resubmission <kbd className="ml-1 text-xs opacity-75">U</kbd>
        </button>
      </div>

      {countdown !== null ? (
        <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-slate-300 bg-brand-50 px-3 py-2 text-sm text-slate-900" data-testid="approve-undo">
          <span>
            Approving in {countdown} s…
          </span>
          <button
            type="button"
            id={`${item}-undo`}
            onClick={stop}
            onKeyDown={(event) => {
              if (event.key === "Escape") stop();
            }}
            className="rounded-md border border-slate-400 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100"
          >
            Undo
          </button>
          <button type="button" onClick={send} className="rounded-md px-3 py-1 text-sm text-slate-700 underline hover:text-slate-900">
            Approve now
          </button>
        </div>
      ) : null}
      {mode ? (
        <form action={formAction} onSubmit={check} className="grid gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3" aria-label={mode === "reject" ? "Reject" : "Request resubmission"}>
          <input type="hidden" name="decision" value={mode} />
          <input type="hidden" name="item" value={item} />
          {mode === "reject" ? (
            <label className="grid gap-1 text-sm">
              <span className="font-medium">Reason</span>
              <select id={`${item}-reject-first`} name="reason" required defaultValue="" className={field}>
                <option value="" disabled>
                  Choose a reason
                </option>
                {Object.entries(REJECTION_REASONS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="grid gap-1 text-sm">
            <span className="font-medium">Note to the person</span>
            <textarea id={mode === "resubmit" ? `${item}-resubmit-first` : undefined} name="noteToUser" rows={2} maxLength={1000} className={field} placeholder="Shown on their account page" />
          </label>
          <label className="grid gap-1 text-sm">
            <span className="font-medium">Internal note</span>
            <textarea name="internalNote" rows={2} maxLength={1000} className={field} placeholder="Staff only" />
          </label>
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className={mode === "reject" ? "rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50" : "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"}>
              {mode === "reject" ? "Confirm rejection" : "Send request"}
            </button>
            <button type="button" onClick={() => setMode(null)} className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-200">
              Cancel
            </button>
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
