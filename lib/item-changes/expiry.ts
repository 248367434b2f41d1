import "server-only";

import { and, asc, eq, inArray, lte } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { revokeCredentialsRelyingOnAny } from "@/lib/item-changes/relying-credentials";
import type { Db, Tx } from "@/lib/db/client";
import { emitStatusChanged } from "@/lib/events/emit";
import { metrics, timeJob } from "@/lib/http/metrics";
import { identityItems, itemHistory } from "@/lib/db/schema";
import { verificationExpiry } from "@/lib/items/store";
import { startPeriodic } from "@/lib/state/periodic";
import type { Item } from "@/lib/items/items";

/**
 * The expiry sweep (SPEC §3, §6). Reads already treat a verification past its expiry as
 * `expired` (effectiveState), but a credential relying on it must be revoked in its status
 * list, where third parties look, and that takes a write. The sweep marks such items
 * `expired` in the database with their history and audit entries, and revokes the
 * credentials that relied on them, one transaction per batch.
 */
const EXPIRY_BATCH = 200;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export type ExpirySweep = { expired: number; revoked: number };

/** Why a verification ended: its document's expiry date, or the validity of the verification itself. */
function lapseReason(verifiedAt: Date | null, expiresAt: Date): "document_expired" | "verification_lapsed" {
  return verifiedAt && expiresAt < verificationExpiry(verifiedAt) ? "document_expired" : "verification_lapsed";
}

async function expireBatch(tx: Tx, now: Date, userId: string | undefined): Promise<ExpirySweep> {
  // Rows another transaction holds (a person changing the item, another instance's sweep)
  // are skipped, not waited for: the one holding them decides their state.
  const rows = await tx
    .select({ id: identityItems.id, userId: identityItems.userId, item: identityItems.item, verifiedAt: identityItems.verifiedAt, expiresAt: identityItems.expiresAt })
    .from(identityItems)
    .where(and(eq(identityItems.state, "verified"), lte(identityItems.expiresAt, now), userId ? eq(identityItems.userId, userId) : undefined))
    .orderBy(asc(identityItems.expiresAt), asc(identityItems.id))
    .limit(EXPIRY_BATCH)
    .for("update", { skipLocked: true });
  if (rows.length === 0) return { expired: 0, revoked: 0 };

  await tx
    .update(identityItems)
    .set({ state: "expired", updatedAt: now })
    .where(inArray(identityItems.id, rows.map((row) => row.id)));
  const reasons = rows.map((row) => lapseReason(row.verifiedAt, row.expiresAt!));
  await tx.insert(itemHistory).values(rows.map((row, i) => ({ itemId: row.id, state: "expired" as const, action: "system.expired", actorId: null, reason: reasons[i]!, createdAt: now })));

  const lapsed = new Map<string, Item[]>();
  for (const [i, row] of rows.entries()) {
    lapsed.set(row.userId, [...(lapsed.get(row.userId) ?? []), row.item]);
    await recordAudit(tx, { actor: { type: "system" }, action: "item.expired", subjectUserId: row.userId, details: { item: row.item, itemId: row.id, reason: reasons[i] } });
  }
  const revoked = await revokeCredentialsRelyingOnAny(tx, lapsed, { type: "system" }, "expired");
  for (const lapsedUser of lapsed.keys()) await emitStatusChanged(tx, lapsedUser);
  return { expired: rows.length, revoked };
}

/**
 * Marks every verified item whose expiry (`expires_at`: the verification's validity or its
 * document's expiry, whichever is earlier) is at or before `now` as `expired`, and revokes
 * the credentials relying on them. `userId` limits the sweep to one person.
 */
export async function expireItems(db: Db, now = new Date(), scope: { userId?: string } = {}): Promise<ExpirySweep> {
  const total: ExpirySweep = { expired: 0, revoked: 0 };
  for (;;) {
    const batch = await db.transaction((tx) => expireBatch(tx, now, scope.userId));
    total.expired += batch.expired;
    total.revoked += batch.revoked;
    if (batch.expired < EXPIRY_BATCH) return total;
  }
}

/**
 * Runs the sweep now and then every hour for as long as the process lives (the timer does
 * not keep it alive). A failed run is logged and retried at the next tick; it never stops
 * the server. Started once per process, however often start-up runs.
 */
export function startExpirySweeps(db: Db): Promise<void> {
  return startPeriodic({ name: "expiry-sweep", during: "the expiry sweep", everyMs: SWEEP_INTERVAL_MS, runNow: true }, async () => {
    const result = await timeJob("expiry_sweep", () => expireItems(db));
    metrics().expiredItems.inc(result.expired);
    metrics().revokedCredentials.inc(result.revoked);
    if (result.expired > 0) console.log(`Expiry sweep: ${result.expired} verification(s) expired, ${result.revoked} credential(s) revoked`);
  }).first;
}
