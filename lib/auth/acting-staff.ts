import "server-only";

import { eq } from "drizzle-orm";

import { can, type Permission, type StaffRole } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";

/**
 * Re-reads the acting person's role where the data changes, inside the same
 * transaction, so an operation refuses someone who may not do it whoever
 * called it and whatever the caller checked, and a role removed a moment ago
 * no longer counts.
 */
export async function assertStaffMay(db: DbOrTx, staffId: string | null | undefined, permission: Permission): Promise<StaffRole> {
  const [row] = staffId ? await db.select({ role: users.role }).from(users).where(eq(users.id, staffId)) : [];
  if (!row?.role || !can(row.role, permission)) throw new AppError("FORBIDDEN", "Your role may not do this.");
  return row.role;
}
