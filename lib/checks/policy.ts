import "server-only";

import { eq } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { Db, DbOrTx } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";

import { DEFAULT_POLICY, policySchema, type ChecksPolicy } from "./policy-defaults";

const KEY = "checks.policy";

/** The admins' decisions policy; the defaults until one is saved, or when a stored one no longer parses. */
export async function getChecksPolicy(db: DbOrTx): Promise<ChecksPolicy> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const parsed = policySchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

export async function saveChecksPolicy(db: Db, adminId: string, input: unknown): Promise<ChecksPolicy> {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_REQUEST", parsed.error.issues[0]?.message ?? "Invalid policy", { field: parsed.error.issues[0]?.path.join(".") });
  const policy = parsed.data;
  await db.transaction(async (tx) => {
    await assertStaffMay(tx, adminId, "checks.manage");
    const now = new Date();
    await tx.insert(settings).values({ key: KEY, value: policy, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value: policy, updatedAt: now } });
    await recordAudit(tx, { actor: { type: "staff", id: adminId }, action: "checks.policy_changed", details: { ...policy } });
  });
  return policy;
}
