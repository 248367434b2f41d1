"use server";

import { revalidatePath } from "next/cache";

import { staffAction } from "@/lib/auth/action";
import { changeStaffRole, inviteSchema, inviteStaff, roleChangeSchema } from "@/lib/auth/staff";
import { getDb } from "@/lib/db/client";
import { fieldErrorsOf, type ActionState } from "@/lib/http/action-state";

export const inviteStaffAction = staffAction("staff.manage", "inviteStaff", async (admin, _state: ActionState, form: FormData): Promise<ActionState> => {
  const parsed = inviteSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Check the form.", fieldErrors: fieldErrorsOf(parsed.error) };
  await inviteStaff(await getDb(), admin.id, parsed.data);
  revalidatePath("/admin/staff");
  return { ok: true, message: `${parsed.data.email} is now ${parsed.data.role}; we emailed them where to sign in.` };
});

export const changeRoleAction = staffAction("staff.manage", "changeStaffRole", async (admin, _state: ActionState, form: FormData): Promise<ActionState> => {
  const parsed = roleChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Choose a role." };
  await changeStaffRole(await getDb(), admin.id, parsed.data);
  revalidatePath("/admin/staff");
  return { ok: true, message: parsed.data.role === "none" ? "Role removed." : "Role changed." };
});
