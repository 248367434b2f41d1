import "server-only";

import { and, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";

import { recordAudit } from "@/lib/audit/log";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import { emailColumns } from "@/lib/auth/adapter";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import type { Db, DbOrTx } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/schema";
import { absoluteUrl } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { sendMail } from "@/lib/mail/transport";
import { blindIndex, decryptText } from "@/lib/security/encryption";

/** Staff management (SPEC §7): admins invite people by email and set or remove their role. */
export const inviteSchema = z.object({
  email: z.email("Enter an email address").trim().toLowerCase().max(254),
  role: z.enum(STAFF_ROLES, { error: "Choose a role" }),
});
export const roleChangeSchema = z.object({
  userId: z.uuid(),
  role: z.union([z.enum(STAFF_ROLES), z.literal("none")]),
});

export type StaffMember = { id: string; email: string; role: StaffRole; createdAt: Date };

export async function listStaff(db: DbOrTx): Promise<StaffMember[]> {
  const rows = await db.select().from(users).where(isNotNull(users.role)).orderBy(users.createdAt);
  return rows.map((row) => ({ id: row.id, email: row.emailEnc ? decryptText(row.emailEnc, "users.email") : "unknown", role: row.role!, createdAt: row.createdAt }));
}

/** Creates the person if needed, gives them the role, and emails them where to sign in. */
export async function inviteStaff(db: Db, adminId: string, input: z.infer<typeof inviteSchema>): Promise<{ created: boolean }> {
  const result = await db.transaction(async (tx) => {
    await assertStaffMay(tx, adminId, "staff.manage");
    const [existing] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, blindIndex("email", input.email)));
    if (existing?.id === adminId) throw new AppError("CONFLICT", "You cannot change your own role.");
    const id = existing
      ? (await tx.update(users).set({ role: input.role }).where(eq(users.id, existing.id)).returning({ id: users.id }))[0]!.id
      : (await tx.insert(users).values({ ...emailColumns(input.email), role: input.role }).returning({ id: users.id }))[0]!.id;
    await recordAudit(tx, {
      actor: { type: "staff", id: adminId },
      action: "staff.invited",
      subjectUserId: id,
      details: { role: input.role, previousRole: existing?.role ?? null, created: !existing },
    });
    return { created: !existing };
  });
  await sendMail({
    to: input.email,
    subject: "You have been added to the Attest compliance console",
    text: `You now have the ${input.role} role in the Attest compliance console.\n\nSign in with this address at ${absoluteUrl("/signin?callbackUrl=%2Fadmin")}; we will email you a sign-in link.\n`,
  });
  return result;
}

/** Changes or removes a role; removing it also ends the person's sessions so the console closes at once. */
export async function changeStaffRole(db: Db, adminId: string, input: z.infer<typeof roleChangeSchema>): Promise<void> {
  if (input.userId === adminId) throw new AppError("CONFLICT", "You cannot change your own role.");
  await db.transaction(async (tx) => {
    await assertStaffMay(tx, adminId, "staff.manage");
    const role = input.role === "none" ? null : input.role;
    const [before] = await tx.select({ role: users.role }).from(users).where(and(eq(users.id, input.userId), isNotNull(users.role)));
    if (!before) throw new AppError("NOT_FOUND", "No such staff member.");
    await tx.update(users).set({ role }).where(eq(users.id, input.userId));
    if (role === null) await tx.delete(sessions).where(eq(sessions.userId, input.userId));
    await recordAudit(tx, {
      actor: { type: "staff", id: adminId },
      action: role === null ? "staff.role_removed" : "staff.role_changed",
      subjectUserId: input.userId,
      details: { role, previousRole: before.role },
    });
  });
}
