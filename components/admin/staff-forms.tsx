"use client";

import { useActionState } from "react";

import { changeRoleAction, inviteStaffAction } from "@/app/(admin)/admin/staff/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { compactInputClass, Field } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/http/action-state";

const ROLES = [
  ["reviewer", "Reviewer: decides items"],
  ["admin", "Admin: also partners, staff, sanctions"],
  ["auditor", "Auditor: read only"],
] as const;

export function InviteStaffForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(inviteStaffAction, IDLE);
  return (
    <Card title="Invite someone">
      <form action={action} className="space-y-3" aria-label="Invite staff">
        <div className="flex flex-wrap items-end gap-3">
          <Field id="invite-email" label="Email address" className="grid flex-1 gap-1">
            {(control) => <input {...control} type="email" name="email" required autoComplete="off" className={compactInputClass} />}
          </Field>
          <Field id="invite-role" label="Role" className="grid gap-1">
            {(control) => (
              <select {...control} name="role" defaultValue="reviewer" className={compactInputClass}>
                {ROLES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Button type="submit" size="sm" disabled={pending}>
            Invite
          </Button>
        </div>
        <ActionMessage state={state} />
      </form>
    </Card>
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
      <select id={`role-${userId}`} name="role" defaultValue={role} className={compactInputClass}>
        {ROLES.map(([value]) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
        <option value="none">no role (remove)</option>
      </select>
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        Save
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
