import "server-only";

import { lt, sql, type SQL } from "drizzle-orm";

import { getDb, type DbOrTx } from "@/lib/db/client";
import { nonces } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";

/**
 * Replay protection (SPEC §2): a nonce is accepted once per OCID within 600 s. The
 * database decides, not this process, so every app instance sees the same nonces and two
 * concurrent requests with one nonce cannot both pass.
 */
export const NONCE_WINDOW_SECONDS = 600;
// Purging on every request would double the writes on the hot path; once a minute per
// instance keeps the table at about ten minutes of traffic.
const PURGE_EVERY_MS = 60_000;
let lastPurge = 0;
const WINDOW = sql.raw(`interval '${NONCE_WINDOW_SECONDS} seconds'`);

/**
 * True when this (ocid, nonce) had not been seen in the window and is now recorded. The
 * conflict branch refreshes only a row older than the window, so a fresh duplicate
 * returns no row: one statement, atomic on PGlite and PostgreSQL alike.
 */
export async function claimNonce(db: DbOrTx, ocid: number, nonce: string): Promise<boolean> {
  const rows = await db
    .insert(nonces)
    .values({ ocid, nonce })
    .onConflictDoUpdate({
      target: [nonces.ocid, nonces.nonce],
      set: { seenAt: sql`now()` },
      setWhere: sql`${nonces.seenAt} < now() - ${WINDOW}`,
    })
    .returning({ ocid: nonces.ocid });
  maybePurge();
  return rows.length === 1;
}

/** A request's nonce, claimed once: on its own (claimNonce) or inside the handler's first statement. */
export type NonceClaim = { ocid: number; nonce: string; claimed?: boolean };

/**
 * claimNonce's statement as a common table expression named `claimed`, one row when the
 * nonce was fresh, for a read that can carry the claim in the same round trip. Postgres
 * runs a data-modifying CTE exactly once whether or not the query reads it.
 */
export function nonceClaimCte(claim: NonceClaim): SQL {
  maybePurge();
  return sql`claimed as (
    insert into ${nonces} (ocid, nonce) values (${claim.ocid}, ${claim.nonce})
    on conflict (ocid, nonce) do update set seen_at = now() where ${nonces.seenAt} < now() - ${WINDOW}
    returning 1)`;
}

export function nonceReused(): AppError {
  return new AppError("NONCE_REUSED", `This X-OC-Nonce was already used in the last ${NONCE_WINDOW_SECONDS} seconds.`);
}

/** Deletes nonces older than the window; they can no longer cause a NONCE_REUSED. */
export async function purgeNonces(db: DbOrTx): Promise<void> {
  await db.delete(nonces).where(lt(nonces.seenAt, sql`now() - ${WINDOW}`));
}

function maybePurge(): void {
  const now = Date.now();
  if (now - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = now;
  // Not awaited: a slow purge must not delay the request that happened to trigger it. On the
  // pool, never on the claim's own handle: that may be a transaction, which this would outlive.
  getDb()
    .then(purgeNonces)
    .catch(() => {
      lastPurge = 0;
    });
}
