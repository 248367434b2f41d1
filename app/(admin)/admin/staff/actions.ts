"use server";

import { revalidatePath } from "next/cache";

import { changeStaffRole, inviteSchema, inviteStaff, roleChangeSchema } from "@/lib/auth/staff";
import { staffOrNull } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, invalidRequest, logUnexpected } from "@/lib/http/errors";

export type StaffFormState = { error?: string; notice?: string };

async function run(work: () => Promise<string>): Promise<StaffFormState> {
  try {
    const notice = await work();
    revalidatePath("/admin/staff");
    return { notice };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    logUnexpected(error);
    return { error: "That did not work. Try again." };
  }
}

export async function inviteStaffAction(_state: StaffFormState, form: FormData): Promise<StaffFormState> {
  const admin = await staffOrNull("staff.manage");
  if (!admin) return { error: "Only admins manage staff." };
  const parsed = inviteSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: invalidRequest(parsed.error).message };
  return run(async () => {
    await inviteStaff(await getDb(), admin.id, parsed.data);
    return `${parsed.data.email} is now ${parsed.data.role}; we emailed them where to sign in.`;
  });
}

export async function changeRoleAction(_state: StaffFormState, form: FormData): Promise<StaffFormState> {
  const admin = await staffOrNull("staff.manage");
  if (!admin) return { error: "Only admins manage staff." };
  const parsed = roleChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: invalidRequest(parsed.error).message };
  return run(async () => {
    await changeStaffRole(await getDb(), admin.id, parsed.data);
    return parsed.data.role === "none" ? "Role removed." : "Role changed.";
  });
}
