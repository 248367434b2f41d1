import { assignAction } from "@/app/(admin)/admin/review-actions";

/**
 * Assigns a person's pending items to a named reviewer, or to nobody. A plain form posting
 * to a server action, so it works before any script has loaded.
 */
export function AssignForm({ userId, back, reviewers, current }: { userId: string; back: string; reviewers: { id: string; email: string }[]; current: string | null }) {
  return (
    <form action={assignAction} className="flex flex-wrap items-center gap-2" aria-label="Assign the case">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="back" value={back} />
      <label className="flex items-center gap-2 text-sm">
        <span className="font-medium text-slate-700">Assignee</span>
        <select name="assignee" defaultValue={current ?? "none"} className="max-w-56 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          <option value="none">Nobody</option>
          {reviewers.map((reviewer) => (
            <option key={reviewer.id} value={reviewer.id}>
              {reviewer.email}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
        Save assignee
      </button>
    </form>
  );
}
