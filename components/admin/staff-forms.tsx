"use client";

import { useActionState } from "react";

import { changeRoleAction, inviteStaffAction } from "@/app/(admin)/admin/staff/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { IDLE, type ActionState } from "@/lib/http/action-state";

const ROLES = [
  ["reviewer", "Reviewer: decides items"],
  ["admin", "Admin: also partners, staff, sanctions"],
  ["auditor", "Auditor: read only"],
] as const;

export function InviteStaffForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(inviteStaffAction, IDLE);
  return (
    <form action={action} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" aria-label="Invite staff">
      <h2 className="font-medium">Invite someone</h2>
      <div className="flex flex-wrap items-end gap-3">
        <label className="grid flex-1 gap-1 text-sm">
          <span className="font-medium text-slate-700">Email address</span>
          <input type="email" name="email" required autoComplete="off" className="rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Role</span>
          <select name="role" defaultValue="reviewer" className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            {ROLES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          Invite
        </button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}

export function RoleForm({ userId, role, email }: { userId: string; role: string; email: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeRoleAction, IDLE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {email}
      </label>
      <select id={`role-${userId}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
        {ROLES.map(([value]) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
        <option value="none">no role (remove)</option>
      </select>
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50">
        Save
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
