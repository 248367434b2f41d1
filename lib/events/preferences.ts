import "server-only";

import { eq } from "drizzle-orm";
import { z } from "zod";

import type { Db, DbOrTx } from "@/lib/db/client";
import { notificationPreferences } from "@/lib/db/schema";

import { DEFAULT_PREFERENCES } from "./emit";

/** Which emails a person wants; a person who never chose has the defaults (everything but partner reads). */
export const preferencesSchema = z.object({ decisions: z.boolean(), credentials: z.boolean(), expiry: z.boolean(), dataAccess: z.boolean() });
export type NotificationPreferences = z.infer<typeof preferencesSchema>;

export async function getPreferences(db: DbOrTx, userId: string): Promise<NotificationPreferences> {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return preferencesSchema.parse(row ? { decisions: row.decisions, credentials: row.credentials, expiry: row.expiry, dataAccess: row.dataAccess } : DEFAULT_PREFERENCES);
}

export async function savePreferences(db: Db, userId: string, preferences: NotificationPreferences): Promise<void> {
  const values = { ...preferencesSchema.parse(preferences), updatedAt: new Date() };
  await db.insert(notificationPreferences).values({ userId, ...values }).onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
}
