import type { Metadata } from "next";

import { formatTime } from "@/lib/review/age";
import { InviteStaffForm, RoleForm } from "@/components/admin/staff-forms";
import { listStaff } from "@/lib/auth/staff";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const admin = await requireStaff("staff.manage", "/admin/staff");
  const staff = await listStaff(await getDb());
  return (
    <div className="space-y-6">
      <PageHeader title="Staff" description="Who may use the console, and with which role. Every change is in the audit log." />
      <InviteStaffForm />
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Staff members">
        {staff.map((member) => (
          <li key={member.id} className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="staff-member">
            <div>
              <p className="font-medium">{member.email}</p>
              <p className="text-xs text-slate-500">since {formatTime(member.createdAt)}</p>
            </div>
            {member.id === admin.id ? <span className="text-sm text-slate-600">{member.role} (you)</span> : <RoleForm userId={member.id} role={member.role} email={member.email} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
