"use client";

import { useActionState } from "react";

import { assignAction } from "@/app/(admin)/admin/review-actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { compactInputClass } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/http/action-state";

/**
 * Assigns a person's pending items to a named reviewer, or to nobody. A form posting to a
 * server action, so it works before any script has loaded; a refusal is shown beside it.
 */
export function AssignForm({ userId, back, reviewers, current }: { userId: string; back: string; reviewers: { id: string; email: string }[]; current: string | null }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(assignAction, IDLE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" aria-label="Assign the case">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="back" value={back} />
      <label className="flex items-center gap-2 text-sm">
        <span className="font-medium text-slate-700">Assignee</span>
        <select name="assignee" defaultValue={current ?? "none"} className={`${compactInputClass} max-w-56`}>
          <option value="none">Nobody</option>
          {reviewers.map((reviewer) => (
            <option key={reviewer.id} value={reviewer.id}>
              {reviewer.email}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        Save assignee
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}

/** "Assign to me" on the queue and the case page. */
export function AssignToMe({ userId, back }: { userId: string; back: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(assignAction, IDLE);
  return (
    <form action={action} className="grid gap-1">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="assignee" value="me" />
      <input type="hidden" name="back" value={back} />
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        Assign to me
      </Button>
      <ActionMessage state={state} className="text-xs" />
    </form>
  );
}
