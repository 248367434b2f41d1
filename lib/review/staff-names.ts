import "server-only";

import { inArray } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { decryptText } from "@/lib/security/encryption";

/** Staff email addresses for display beside assignments and decisions (staff are not data subjects here). */
export async function staffEmails(db: DbOrTx, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, emailEnc: users.emailEnc }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row.emailEnc ? decryptText(row.emailEnc, "users.email") : "unknown"]));
}
