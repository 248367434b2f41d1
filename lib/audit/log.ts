import "server-only";

import { createHash } from "node:crypto";

import { asc, desc, gt, sql } from "drizzle-orm";

import type { DbOrTx, Tx } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { canonicalJson } from "@/lib/security/canonical-json";

/**
 * The hash-chained audit log (SPEC §7). Every entry is written inside the
 * transaction of the change it records and carries the hash of the entry
 * before it, so an edited or deleted row breaks the chain from there on.
 */
export type AuditActor = { type: "user" | "staff" | "partner" | "api_account" | "system"; id?: string | null };

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  subjectUserId?: string | null;
  partnerOcid?: number | null;
  /** Ids, item names and codes only: never personal data. */
  details?: Record<string, unknown>;
};

export const GENESIS_HASH = "0".repeat(64);
// Serialises writers across connections so each entry links to the true last one.
const CHAIN_LOCK = 0x61756469; // "audi"

type HashedFields = {
  prevHash: string;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  subjectUserId: string | null;
  partnerOcid: number | null;
  details: Record<string, unknown>;
};

export function entryHash(fields: HashedFields): string {
  const material = canonicalJson({
    prevHash: fields.prevHash,
    createdAt: fields.createdAt.toISOString(),
    actorType: fields.actorType,
    actorId: fields.actorId,
    action: fields.action,
    subjectUserId: fields.subjectUserId,
    partnerOcid: fields.partnerOcid,
    details: fields.details,
  });
  return createHash("sha256").update(material).digest("hex");
}

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const fields: HashedFields = {
    prevHash: last?.hash ?? GENESIS_HASH,
    // Millisecond precision survives the round trip through timestamptz.
    createdAt: new Date(),
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    action: entry.action,
    subjectUserId: entry.subjectUserId ?? null,
    partnerOcid: entry.partnerOcid ?? null,
    details: entry.details ?? {},
  };
  await tx.insert(auditLog).values({ ...fields, hash: entryHash(fields) });
}

/**
 * `head` is the last entry's id and hash: a verifier who writes it down somewhere else can
 * later tell that no entry up to it was cut from the end, which a chain cannot show alone.
 */
export type ChainReport = { ok: true; entries: number; head: { id: number; hash: string } | null } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Recomputes the whole chain in id order and names the first entry that does not hold. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5_000): Promise<ChainReport> {
  let previous = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batchSize);
    if (rows.length === 0) return { ok: true, entries: count, head: lastId ? { id: lastId, hash: previous } : null };
    for (const row of rows) {
      count += 1;
      if (row.prevHash !== previous) return { ok: false, entries: count, brokenAt: row.id, reason: "does not link to the entry before it" };
      if (entryHash(row) !== row.hash) return { ok: false, entries: count, brokenAt: row.id, reason: "its content does not match its hash" };
      previous = row.hash;
      lastId = row.id;
    }
  }
}
