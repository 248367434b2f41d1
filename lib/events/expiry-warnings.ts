import "server-only";

import { and, eq, gt, inArray, lte } from "drizzle-orm";

import type { Db, Tx } from "@/lib/db/client";
import { identityItems } from "@/lib/db/schema";
import { DOCUMENT_ITEMS, type Item } from "@/lib/items/items";
import { startPeriodic } from "@/lib/state/periodic";

import { notifyPerson } from "./emit";

/**
 * Tells people 30 days ahead that a verified document stops counting. Each warning carries a
 * key made of the item and the date it lapses, so hourly runs on every instance warn once,
 * and a renewed document (a new date) is warned about again when its turn comes.
 */
export const WARN_DAYS_AHEAD = 30;
const horizonFrom = (now: Date) => new Date(now.getTime() + WARN_DAYS_AHEAD * 24 * 60 * 60 * 1000);
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export async function warnExpiringDocuments(db: Db, now = new Date()): Promise<number> {
  const horizon = horizonFrom(now);
  const rows = await db
    .select({ id: identityItems.id, userId: identityItems.userId, item: identityItems.item, expiresAt: identityItems.expiresAt })
    .from(identityItems)
    .where(and(eq(identityItems.state, "verified"), inArray(identityItems.item, [...DOCUMENT_ITEMS]), gt(identityItems.expiresAt, now), lte(identityItems.expiresAt, horizon)));
  for (const row of rows) await db.transaction((tx) => warnExpiring(tx, { ...row, expiresAt: row.expiresAt! }));
  return rows.length;
}

/** The warning for one document; the same key whether the sweep or an approval sends it. */
function warnExpiring(tx: Tx, document: { id: string; userId: string; item: Item; expiresAt: Date }): Promise<void> {
  const expiresAt = document.expiresAt.toISOString();
  return notifyPerson(tx, document.userId, "document.expiring", { item: document.item, expiresAt }, `document.expiring:${document.id}:${expiresAt}`);
}

/**
 * A document approved with less than the warning's lead time left is warned about at once,
 * not at the next hourly sweep.
 */
export async function warnIfExpiringSoon(tx: Tx, document: { id: string; userId: string; item: Item; expiresAt: Date | null }, now = new Date()): Promise<void> {
  const { expiresAt } = document;
  if (!expiresAt || expiresAt <= now || expiresAt > horizonFrom(now)) return;
  await warnExpiring(tx, { ...document, expiresAt });
}

/** Hourly on every instance (the keys make a repeat harmless); started once per process. */
export function startExpiryWarnings(db: Db): void {
  startPeriodic({ name: "expiry-warnings", during: "the expiry warnings", everyMs: SWEEP_INTERVAL_MS, runNow: true }, async () => {
    await warnExpiringDocuments(db);
  });
}
