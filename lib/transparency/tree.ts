import "server-only";

import { and, asc, desc, eq, gt, gte, isNull, lt, or, sql } from "drizzle-orm";

import { executeRows, type Db, type DbOrTx } from "@/lib/db/client";
import { auditLog, auditTreeHeads, auditTreeNodes } from "@/lib/db/schema";
import { metrics } from "@/lib/http/metrics";
import { getKeys } from "@/lib/keys";
import { canonicalJson } from "@/lib/security/canonical-json";
import { startPeriodic } from "@/lib/state/periodic";
import { publicKeyFromPrivate, signMessage, verifyMessage } from "@/lib/ocn/secp256k1";

import { entryLeafHash, type AuditRow } from "@/lib/audit/log";
import { CompactTree, consistencyProof, inclusionProof, nodesRead, verifyConsistency, verifyInclusion, type Hash, type NodeSource } from "@/lib/audit/merkle";

/*
 * The audit log's Merkle tree and its signed heads. One sequencer at a time, across all
 * instances, holds SEQUENCER_LOCK for the length of its own short transaction (request
 * transactions never take it): it reads the committed entries that have no leaf yet, in id
 * order, gives them the next leaf indexes, stores the subtrees they complete and signs the new
 * head, all in that one transaction. An entry whose transaction is still open is invisible to
 * it and simply joins a later batch, so leaves follow the order in which entries became
 * visible, not their ids; and since a head is written with the leaves it covers, a reader
 * never sees a leaf index without a signed head that includes it, nor a gap below one.
 */

/** The name each signed head carries, so a signature over it cannot be passed off as another message. */
export const LOG_ID = "attest-audit-log/v1";
const SEQUENCER_LOCK = 0x74726565; // "tree"
const SEQUENCE_BATCH = 5_000;
/** Every instance tries this often; whichever takes the lock sequences. Keeps commit → signed head well under a second. */
const SEQUENCE_INTERVAL_MS = 200;
const VERIFY_BATCH = 5_000;
const MAX_FINDINGS = 50;

export type SignedTreeHead = { log: typeof LOG_ID; size: number; rootHash: string; timestamp: number; publicKey: string; signature: string };
type HeadRow = typeof auditTreeHeads.$inferSelect;

/** What the provider signs (ECDSA secp256k1 over SHA-256, as OCN messages): the RFC 8785 canonical JSON of the head. */
export function treeHeadMessage(head: Pick<SignedTreeHead, "size" | "rootHash" | "timestamp">): string {
  return canonicalJson({ log: LOG_ID, size: head.size, rootHash: head.rootHash, timestamp: head.timestamp });
}

export function toSignedTreeHead(row: HeadRow): SignedTreeHead {
  return { log: LOG_ID, size: row.size, rootHash: row.rootHash.toString("hex"), timestamp: row.signedAt.getTime(), publicKey: row.publicKey, signature: row.signature };
}

export function verifyTreeHeadSignature(head: SignedTreeHead): boolean {
  return head.log === LOG_ID && verifyMessage(treeHeadMessage(head), head.signature, head.publicKey);
}

/** The provider's secp256k1 public key, the one its OCN metadata publishes, which signs every head. */
export function logPublicKey(): string {
  return publicKeyFromPrivate(getKeys().ocnPrivateKey);
}

async function readNodes(db: DbOrTx, wanted: Array<[number, number]>): Promise<NodeSource> {
  const found = new Map<string, Hash>();
  for (let start = 0; start < wanted.length; start += 500) {
    const keys = wanted.slice(start, start + 500).map(([level, index]) => sql`(${level}::smallint, ${index}::bigint)`);
    const rows = await db.select().from(auditTreeNodes).where(sql`(${auditTreeNodes.level}, ${auditTreeNodes.index}) in (${sql.join(keys, sql`, `)})`);
    for (const row of rows) found.set(`${row.level}:${row.index}`, row.hash);
  }
  return (level, index) => {
    const hash = found.get(`${level}:${index}`);
    if (!hash) throw new Error(`the audit tree has no node ${level}:${index}`);
    return hash;
  };
}

/** Runs a proof computation on the stored subtrees it needs, read in one query. */
async function onStoredTree<T>(db: DbOrTx, compute: (node: NodeSource) => T): Promise<T> {
  return compute(await readNodes(db, nodesRead(compute)));
}

export async function latestTreeHead(db: DbOrTx): Promise<HeadRow | null> {
  const [head] = await db.select().from(auditTreeHeads).orderBy(desc(auditTreeHeads.size)).limit(1);
  return head ?? null;
}

/**
 * One sequencing pass: returns how many entries it added, 0 when another instance holds the
 * sequencer or nothing waits. Runs in its own transaction, never inside a request's.
 */
export async function sequenceAuditLog(db: Db, batch = SEQUENCE_BATCH): Promise<number> {
  const { added, pending } = await db.transaction(async (tx) => {
    const [lock] = await executeRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) as locked`);
    if (!lock?.locked) return { added: 0, pending: [] as AuditRow[] };
    const waiting = await tx.select().from(auditLog).where(isNull(auditLog.leafIndex)).orderBy(asc(auditLog.id)).limit(batch);
    if (waiting.length === 0) return { added: 0, pending: waiting };
    const head = await latestTreeHead(tx);
    const size = head?.size ?? 0;
    const peaks = CompactTree.peakNodes(size);
    const node = await readNodes(tx, peaks);
    const tree = new CompactTree(
      size,
      peaks.map(([level, index]) => node(level, index)),
    );
    const made = waiting.flatMap((entry) => tree.append(entryLeafHash(entry)));
    for (let start = 0; start < made.length; start += 1_000) await tx.insert(auditTreeNodes).values(made.slice(start, start + 1_000));
    for (let start = 0; start < waiting.length; start += 1_000) {
      const pairs = waiting.slice(start, start + 1_000).map((entry, i) => sql`(${entry.id}::bigint, ${size + start + i}::bigint)`);
      await tx.execute(sql`update ${auditLog} set leaf_index = v.leaf from (values ${sql.join(pairs, sql`, `)}) as v(id, leaf) where ${auditLog.id} = v.id`);
    }
    const signedAt = new Date();
    const rootHash = tree.root();
    const signature = signMessage(treeHeadMessage({ size: tree.size, rootHash: rootHash.toString("hex"), timestamp: signedAt.getTime() }), getKeys().ocnPrivateKey);
    await tx.insert(auditTreeHeads).values({ size: tree.size, rootHash, signedAt, publicKey: logPublicKey(), signature });
    return { added: waiting.length, pending: waiting };
  });
  // Observed after the commit: the entries are now covered by a signed head anyone can read.
  const now = Date.now();
  for (const entry of pending) metrics().auditLogLag.observe(Math.max(0, now - entry.createdAt.getTime()) / 1000);
  return added;
}

/** Sequences until nothing waits: at start-up, so entries written before (or by a migration) join the tree in id order. */
export async function sequenceAll(db: Db): Promise<number> {
  let total = 0;
  for (let added = await sequenceAuditLog(db); added > 0; added = await sequenceAuditLog(db)) total += added;
  return total;
}

/** Every instance runs the loop; the advisory lock lets one sequence at a time. */
export function startAuditSequencer(db: Db): void {
  // While entries keep arriving, pass after pass with no pause: an entry then waits for at most
  // the pass under way and its own, not for a tick as well. Idle, one cheap look per tick.
  startPeriodic({ name: "audit-sequencer", during: "the audit log sequencer", everyMs: SEQUENCE_INTERVAL_MS }, async (stopping) => {
    while (!stopping() && (await sequenceAuditLog(db)) > 0);
  });
}

export type InclusionProof = { leafIndex: number; leafHash: string; proof: string[]; head: SignedTreeHead; verified: boolean };

/** The entry's inclusion proof against the latest signed head; null while it waits for the sequencer. */
export async function proveInclusion(db: DbOrTx, entry: AuditRow): Promise<InclusionProof | null> {
  const head = await latestTreeHead(db);
  if (entry.leafIndex === null || !head || entry.leafIndex >= head.size) return null;
  const leafIndex = entry.leafIndex;
  const proof = await onStoredTree(db, (node) => inclusionProof(node, leafIndex, head.size));
  const leaf = entryLeafHash(entry);
  const signed = toSignedTreeHead(head);
  const verified = verifyTreeHeadSignature(signed) && verifyInclusion(leafIndex, head.size, leaf, proof, head.rootHash);
  return { leafIndex, leafHash: leaf.toString("hex"), proof: proof.map((h) => h.toString("hex")), head: signed, verified };
}

export type ConsistencyProof = { from: { size: number; rootHash: string }; to: SignedTreeHead; proof: string[]; consistent: boolean };

/**
 * RFC 9162's consistency proof from a head an auditor kept to the latest one, and whether it
 * holds: false means the log was rewritten since, whatever the stored tree now claims.
 */
export async function proveConsistency(db: DbOrTx, from: { size: number; rootHash: string }): Promise<ConsistencyProof | { error: string }> {
  const head = await latestTreeHead(db);
  if (!head) return { error: "The log has no signed tree head yet." };
  if (from.size > head.size) return { error: `That head has ${from.size} entries; the latest has only ${head.size}, so the log has lost entries or the head is not this log's.` };
  const proof = await onStoredTree(db, (node) => consistencyProof(node, from.size, head.size));
  const consistent = verifyConsistency(from.size, head.size, Buffer.from(from.rootHash, "hex"), head.rootHash, proof);
  return { from, to: toSignedTreeHead(head), proof: proof.map((h) => h.toString("hex")), consistent };
}

export type FindingKind = "edited" | "reordered" | "deleted" | "forged" | "tree" | "signature";
export type Finding = { kind: FindingKind; leafIndex: number | null; entryId: number | null; message: string };
/** `signedByProvider`: whether the latest head's key is this provider's current one (not so after a key rotation, until the next head). */
export type LogReport = { ok: boolean; entries: number; pending: number; head: SignedTreeHead | null; signedByProvider: boolean; findings: Finding[] };

/**
 * Checks every sequenced entry against the leaf the tree holds for it, the stored leaves
 * against every signed head's root, and the latest head's signature; names each entry that
 * was edited, moved to another leaf, deleted or forged into the log.
 */
export async function verifyAuditLog(db: DbOrTx): Promise<LogReport> {
  const headRow = await latestTreeHead(db);
  const head = headRow ? toSignedTreeHead(headRow) : null;
  const size = head?.size ?? 0;
  const findings: Finding[] = [];
  const find = (finding: Finding) => void (findings.length < MAX_FINDINGS && findings.push(finding));
  if (head && !verifyTreeHeadSignature(head)) find({ kind: "signature", leafIndex: null, entryId: null, message: `The latest tree head (size ${size}) does not carry a valid signature.` });

  // Entries whose hash differs from their leaf, and leaves no entry matched: paired up at the end to tell a move from an edit.
  const strayEntries: Array<{ row: AuditRow; hash: string }> = [];
  const unmatchedLeaves = new Map<string, number>();
  const tree = new CompactTree();
  const heads = headsInOrder(db);
  let nextHead = await heads.next();
  let entries = 0;
  for (let from = 0; from < size; from += VERIFY_BATCH) {
    const to = Math.min(size, from + VERIFY_BATCH);
    const [rows, leaves] = await Promise.all([
      db.select().from(auditLog).where(and(gte(auditLog.leafIndex, from), lt(auditLog.leafIndex, to))),
      db.select().from(auditTreeNodes).where(and(eq(auditTreeNodes.level, 0), gte(auditTreeNodes.index, from), lt(auditTreeNodes.index, to))),
    ]);
    const byLeaf = new Map(rows.map((row) => [row.leafIndex!, row]));
    const stored = new Map(leaves.map((leaf) => [leaf.index, leaf.hash]));
    for (let index = from; index < to; index += 1) {
      const row = byLeaf.get(index);
      const leaf = stored.get(index);
      const computed = row ? entryLeafHash(row) : null;
      if (row) entries += 1;
      if (!row) find({ kind: "deleted", leafIndex: index, entryId: null, message: `Leaf ${index}: its entry is missing (deleted).` });
      else if (leaf && !computed!.equals(leaf)) strayEntries.push({ row, hash: computed!.toString("hex") });
      if (leaf && (!computed || !computed.equals(leaf))) unmatchedLeaves.set(leaf.toString("hex"), index);
      if (!leaf) find({ kind: "tree", leafIndex: index, entryId: row?.id ?? null, message: `Leaf ${index}: the tree no longer stores its hash.` });
      tree.append(leaf ?? computed ?? Buffer.alloc(32));
      while (!nextHead.done && nextHead.value.size <= tree.size) {
        if (nextHead.value.size === tree.size && !tree.root().equals(nextHead.value.rootHash)) {
          find({ kind: "tree", leafIndex: index, entryId: null, message: `The first ${tree.size} leaves no longer hash to the root signed for that size: a leaf at or before ${index} was rewritten in the tree.` });
          nextHead = { done: true, value: undefined };
          break;
        }
        nextHead = await heads.next();
      }
    }
  }
  await heads.return(undefined);
  for (const { row, hash } of strayEntries) {
    const belongs = unmatchedLeaves.get(hash);
    if (belongs !== undefined) find({ kind: "reordered", leafIndex: row.leafIndex, entryId: row.id, message: `Leaf ${row.leafIndex}: holds entry #${row.id}, which the tree has at leaf ${belongs}.` });
    else find({ kind: "edited", leafIndex: row.leafIndex, entryId: row.id, message: `Leaf ${row.leafIndex}: entry #${row.id} does not match the leaf the tree holds (edited or forged).` });
  }
  // An entry claiming a leaf outside every signed tree was never sequenced: it was written into place. (Read
  // against the head as it is now: the sequencer may have added leaves, with their head, while this ran.)
  const latest = (await latestTreeHead(db))?.size ?? size;
  const outside = await db.select().from(auditLog).where(or(lt(auditLog.leafIndex, 0), gte(auditLog.leafIndex, latest))).orderBy(asc(auditLog.leafIndex)).limit(MAX_FINDINGS);
  for (const row of outside) find({ kind: "forged", leafIndex: row.leafIndex, entryId: row.id, message: `Entry #${row.id} claims leaf ${row.leafIndex}, outside the signed tree of ${latest} leaves (forged).` });
  const [{ pending } = { pending: 0 }] = await db.select({ pending: sql<number>`count(*)::int` }).from(auditLog).where(isNull(auditLog.leafIndex));
  findings.sort((a, b) => (a.leafIndex ?? -1) - (b.leafIndex ?? -1));
  return { ok: findings.length === 0, entries, pending, head, signedByProvider: head?.publicKey === logPublicKey(), findings };
}

async function* headsInOrder(db: DbOrTx): AsyncGenerator<HeadRow, void> {
  let after = -1;
  for (;;) {
    const rows = await db.select().from(auditTreeHeads).where(gt(auditTreeHeads.size, after)).orderBy(asc(auditTreeHeads.size)).limit(VERIFY_BATCH);
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.size;
  }
}
