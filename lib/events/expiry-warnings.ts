import "server-only";

import { and, eq, gt, inArray, lte } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { identityItems } from "@/lib/db/schema";
import { DOCUMENT_ITEMS } from "@/lib/items/items";
import { startPeriodic } from "@/lib/state/periodic";

import { notifyPerson } from "./emit";

/**
 * Tells people 30 days ahead that a verified document stops counting. Each warning carries a
 * key made of the item and the date it lapses, so hourly runs on every instance warn once,
 * and a renewed document (a new date) is warned about again when its turn comes.
 */
export const WARN_DAYS_AHEAD = 30;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export async function warnExpiringDocuments(db: Db, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + WARN_DAYS_AHEAD * 24 * 60 * 60 * 1000);
  const rows = await db
    .select({ id: identityItems.id, userId: identityItems.userId, item: identityItems.item, expiresAt: identityItems.expiresAt })
    .from(identityItems)
    .where(and(eq(identityItems.state, "verified"), inArray(identityItems.item, [...DOCUMENT_ITEMS]), gt(identityItems.expiresAt, now), lte(identityItems.expiresAt, horizon)));
  for (const row of rows) {
    const expiresAt = row.expiresAt!.toISOString();
    await db.transaction((tx) => notifyPerson(tx, row.userId, "document.expiring", { item: row.item, expiresAt }, `document.expiring:${row.id}:${expiresAt}`));
  }
  return rows.length;
}

/** Hourly on every instance (the keys make a repeat harmless); started once per process. */
export function startExpiryWarnings(db: Db): void {
  startPeriodic({ name: "expiry-warnings", during: "the expiry warnings", everyMs: SWEEP_INTERVAL_MS, runNow: true }, async () => {
    await warnExpiringDocuments(db);
  });
}
