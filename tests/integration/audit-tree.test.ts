import { createPublicKey, verify } from "node:crypto";
import { createRequire } from "node:module";

import { and, eq, gte, lt, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { recordAudit, leafData, type AuditRow } from "@/lib/audit/log";
import { rootHash } from "@/lib/audit/merkle";
import { latestTreeHead, proveConsistency, proveInclusion, sequenceAll, sequenceAuditLog, toSignedTreeHead, treeHeadMessage, verifyAuditLog, type SignedTreeHead } from "@/lib/transparency/tree";
import { databaseKind, getDb, type Db, type Tx } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { auditLog, auditTreeHeads, auditTreeNodes } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { createUser } from "@/tests/support/factories";

// Sigstore's RFC 6962 inclusion check, as it verifies Rekor entries: an implementation that is not ours.
const { verifyMerkleInclusion } = createRequire(import.meta.url)("@sigstore/verify/dist/tlog/merkle") as {
  verifyMerkleInclusion: (entry: { canonicalizedBody: Buffer; inclusionProof: { logIndex: string; hashes: Buffer[] } }, checkpoint: { logSize: bigint; logHash: Buffer }) => void;
};

/** A second instance: on PostgreSQL its own connection pool, as another server process would have. */
async function secondInstance(): Promise<{ db: Db; close: () => Promise<void> }> {
  if ((await databaseKind()) === "pglite") return { db: await getDb(), close: async () => {} };
  const [{ default: postgres }, { drizzle }] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]);
  const client = postgres(getEnv().databaseUrl!, { max: 5, onnotice: () => {} });
  return { db: drizzle({ client, schema }) as unknown as Db, close: () => client.end() };
}

/** Checks a head's signature with OpenSSL (node:crypto), not with libsecp256k1 that made it: ECDSA secp256k1 over SHA-256 of the message. */
function opensslVerifies(head: SignedTreeHead): boolean {
  const point = Buffer.from(head.publicKey, "hex");
  const key = createPublicKey({ key: { kty: "EC", crv: "secp256k1", x: point.subarray(0, 32).toString("base64url"), y: point.subarray(32).toString("base64url") }, format: "jwk" });
  return verify("sha256", Buffer.from(treeHeadMessage(head)), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(head.signature.slice(0, 128), "hex"));
}

async function entriesOf(db: Db, subject: string): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(eq(auditLog.subjectUserId, subject)).orderBy(auditLog.id);
}

async function write(db: Db, subject: string, count: number, prefix: string): Promise<void> {
  for (let n = 0; n < count; n += 1) await db.transaction((tx) => recordAudit(tx, { actor: { type: "system" }, action: `test.${prefix}_${n}`, subjectUserId: subject }));
}

/** Tampers inside a transaction that is rolled back, so files sharing PostgreSQL never see it, and returns what verification found. */
async function findingsAfter(tamper: (tx: Tx) => Promise<void>) {
  const rollback = new Error("roll back the tampering");
  let report: Awaited<ReturnType<typeof verifyAuditLog>> | undefined;
  await expect(
    (await getDb()).transaction(async (tx) => {
      await tamper(tx);
      report = await verifyAuditLog(tx);
      throw rollback;
    }),
  ).rejects.toBe(rollback);
  return report!;
}

async function sequencedEntries(count: number): Promise<AuditRow[]> {
  const db = await getDb();
  const subject = (await createUser()).id;
  await write(db, subject, count, "tamper");
  await sequenceAll(db);
  return entriesOf(db, subject);
}

describe("the audit log as a transparency log", () => {
  // Opening (and migrating) the database is not the first test's time.
  beforeAll(async () => void (await getDb()));

  it("builds one consistent tree from two instances writing and sequencing at once", async () => {
    const db = await getDb();
    const other = await secondInstance();
    try {
      const subject = (await createUser()).id;
      await write(db, subject, 1, "zero");
      await sequenceAll(db);
      const before = toSignedTreeHead((await latestTreeHead(db))!);
      // Writers in both instances, and both instances' sequencers racing them.
      let writing = true;
      const sequencers = [db, other.db].map(async (instance) => {
        while (writing) {
          await sequenceAuditLog(instance);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      });
      await Promise.all([write(db, subject, 40, "one"), write(other.db, subject, 40, "two"), write(db, subject, 20, "three"), write(other.db, subject, 20, "four")]);
      writing = false;
      await Promise.all(sequencers);
      await sequenceAll(other.db);

      const mine = await entriesOf(db, subject);
      expect(mine).toHaveLength(121);
      const indexes = mine.map((entry) => entry.leafIndex!);
      expect(indexes.every(Number.isInteger)).toBe(true);
      expect(new Set(indexes).size).toBe(121);
      const head = toSignedTreeHead((await latestTreeHead(db))!);
      expect(head.size).toBeGreaterThanOrEqual(before.size + 120);
      // Leaves are consecutive: every index below the head's size has exactly one entry.
      const [covered] = await db.select({ count: sql<number>`count(*)::int` }).from(auditLog).where(and(gte(auditLog.leafIndex, 0), lt(auditLog.leafIndex, head.size)));
      expect(covered!.count).toBe(head.size);
      expect(opensslVerifies(head)).toBe(true);
      expect(await verifyAuditLog(db)).toMatchObject({ ok: true, findings: [] });

      // The head the test saw first is a prefix of the latest one.
      const consistency = await proveConsistency(db, before);
      expect(consistency).toMatchObject({ consistent: true });
      // Every entry's proof holds for Sigstore's verifier.
      for (const entry of mine.slice(0, 30)) {
        const inclusion = (await proveInclusion(other.db, entry))!;
        expect(inclusion.verified).toBe(true);
        const checkpoint = { logSize: BigInt(inclusion.head.size), logHash: Buffer.from(inclusion.head.rootHash, "hex") };
        const proof = { logIndex: String(inclusion.leafIndex), hashes: inclusion.proof.map((h) => Buffer.from(h, "hex")) };
        expect(() => verifyMerkleInclusion({ canonicalizedBody: Buffer.from(leafData(entry)), inclusionProof: proof }, checkpoint)).not.toThrow();
        expect(() => verifyMerkleInclusion({ canonicalizedBody: Buffer.from(leafData({ ...entry, action: "test.forged" })), inclusionProof: proof }, checkpoint)).toThrow();
      }
    } finally {
      await other.close();
    }
  });

  it("signs heads that an independent secp256k1 implementation verifies, and refuses a changed one", async () => {
    const db = await getDb();
    await write(db, (await createUser()).id, 1, "signed");
    await sequenceAll(db);
    const head = toSignedTreeHead((await latestTreeHead(db))!);
    expect(opensslVerifies(head)).toBe(true);
    expect(opensslVerifies({ ...head, size: head.size + 1 })).toBe(false);
    // The stored root is the tree's: recomputed from the stored nodes.
    const nodes = await db.select().from(auditTreeNodes);
    const byKey = new Map(nodes.map((node) => [`${node.level}:${node.index}`, node.hash]));
    expect(rootHash((level, index) => byKey.get(`${level}:${index}`)!, head.size).toString("hex")).toBe(head.rootHash);
  });

  it("refuses a consistency proof to a head this log never had", async () => {
    const db = await getDb();
    await sequenceAll(db);
    const head = toSignedTreeHead((await latestTreeHead(db))!);
    expect(await proveConsistency(db, { size: head.size + 10, rootHash: head.rootHash })).toMatchObject({ error: expect.stringMatching(/only/) });
    if (head.size > 2) expect(await proveConsistency(db, { size: head.size - 1, rootHash: "ab".repeat(32) })).toMatchObject({ consistent: false });
  });

  it("names an edited entry", async () => {
    const [, target] = await sequencedEntries(3);
    const report = await findingsAfter((tx) => tx.update(auditLog).set({ details: { forged: true } }).where(eq(auditLog.id, target!.id)).then(() => {}));
    expect(report.findings).toEqual([expect.objectContaining({ kind: "edited", leafIndex: target!.leafIndex, entryId: target!.id })]);
  });

  it("names a deleted entry by its leaf", async () => {
    const [, target] = await sequencedEntries(3);
    const report = await findingsAfter((tx) => tx.delete(auditLog).where(eq(auditLog.id, target!.id)).then(() => {}));
    expect(report.findings).toEqual([expect.objectContaining({ kind: "deleted", leafIndex: target!.leafIndex })]);
  });

  it("names two entries that swapped places", async () => {
    const [first, , third] = await sequencedEntries(3);
    const report = await findingsAfter(async (tx) => {
      await tx.update(auditLog).set({ leafIndex: -1 }).where(eq(auditLog.id, first!.id));
      await tx.update(auditLog).set({ leafIndex: first!.leafIndex }).where(eq(auditLog.id, third!.id));
      await tx.update(auditLog).set({ leafIndex: third!.leafIndex }).where(eq(auditLog.id, first!.id));
    });
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: "reordered", leafIndex: first!.leafIndex, entryId: third!.id, message: expect.stringContaining(`leaf ${third!.leafIndex}`) }),
      expect.objectContaining({ kind: "reordered", leafIndex: third!.leafIndex, entryId: first!.id, message: expect.stringContaining(`leaf ${first!.leafIndex}`) }),
    ]);
  });

  it("names an entry forged into a leaf the tree does not have", async () => {
    await sequencedEntries(1);
    const report = await findingsAfter(async (tx) => {
      await tx.insert(auditLog).values({ createdAt: new Date(), actorType: "system", action: "test.forged", details: {}, leafIndex: 2 ** 40 });
    });
    expect(report.findings).toEqual([expect.objectContaining({ kind: "forged", leafIndex: 2 ** 40 })]);
  });

  it("finds an entry edited together with its stored leaf, by the signed roots", async () => {
    const [target] = await sequencedEntries(2);
    const report = await findingsAfter(async (tx) => {
      const forged = { ...target!, action: "test.forged" };
      await tx.update(auditLog).set({ action: forged.action }).where(eq(auditLog.id, target!.id));
      const { entryLeafHash } = await import("@/lib/audit/log");
      await tx.update(auditTreeNodes).set({ hash: entryLeafHash(forged) }).where(and(eq(auditTreeNodes.level, 0), eq(auditTreeNodes.index, target!.leafIndex!)));
    });
    expect(report.ok).toBe(false);
    // Located by the first signed head that no longer matches: the first to include the entry.
    expect(report.findings).toEqual([expect.objectContaining({ kind: "tree" })]);
    expect(report.findings[0]!.leafIndex).toBeGreaterThanOrEqual(target!.leafIndex!);
  });

  it("finds a forged tree head signature", async () => {
    await sequencedEntries(1);
    const report = await findingsAfter(async (tx) => {
      const head = (await latestTreeHead(tx))!;
      await tx.update(auditTreeHeads).set({ signedAt: new Date(head.signedAt.getTime() + 1) }).where(eq(auditTreeHeads.size, head.size));
    });
    expect(report.findings).toEqual([expect.objectContaining({ kind: "signature" })]);
  });
});
