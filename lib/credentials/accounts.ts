import "server-only";

import { and, desc, eq, getTableColumns, gte, isNull, lt, or, sql } from "drizzle-orm";
import { recordAudit, type AuditActor } from "@/lib/audit/log";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { CreateAccountInput } from "@/lib/credentials/account-schemas";
import { apiKeyLabel, generateApiKey, hashApiKey, looksLikeApiKey, type ApiKeyMode } from "@/lib/credentials/api-keys";
import { executeRows, type Db, type DbOrTx, type Tx } from "@/lib/db/client";
import { apiAccounts, apiKeys, creditLedger, creditShards, partners } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { notePrincipal } from "@/lib/http/request-context";
import { remember } from "@/lib/state/remember";

/**
 * API accounts (SPEC §6): organisations with a credit balance, kept in the account's row (its
 * reserve) and in up to SHARDS credit shards, so that concurrent charges of one account take
 * from different rows instead of all queueing on one. The invariants:
 *
 * - reserve + Σ shards = Σ ledger: a top-up or a charge changes one of those rows together with
 *   its ledger row in one transaction; moves between the reserve and a shard change neither
 *   the total nor the ledger.
 * - No row goes below zero: every decrement is conditional on the row's balance, and
 *   credit_shards has a CHECK besides.
 * - Each charge takes from exactly one row, under that row's lock, in the transaction of what
 *   it pays for: a request that fails or a client that dies mid-way leaves nothing taken, and
 *   nothing is held in any instance's memory, so a crashed instance cannot strand credits.
 * - 402 only when the reserve and every shard are locked by the charge and together hold less
 *   than its cost: a balance that could pay is never refused.
 *
 * Lock order is reserve, then shards in slot order; the fast path locks one shard only and
 * never waits (SKIP LOCKED), so a transaction charges at most once. Locks are NO KEY UPDATE:
 * the foreign keys of ledger rows and credentials take KEY SHARE on the account's row, which
 * that does not wait for.
 */
export type ApiAccount = typeof apiAccounts.$inferSelect;

/** Staff changing an account must hold `accounts.manage` now; other actors (the system, set-up scripts) are trusted callers. */
async function checkActor(tx: Tx, actor: AuditActor): Promise<void> {
  if (actor.type === "staff") await assertStaffMay(tx, actor.id, "accounts.manage");
}

export async function createAccount(db: Db, input: CreateAccountInput, actor: AuditActor): Promise<ApiAccount> {
  return db.transaction(async (tx) => {
    await checkActor(tx, actor);
    if (input.partnerOcid !== undefined) {
      const [partner] = await tx.select({ ocid: partners.ocid }).from(partners).where(eq(partners.ocid, input.partnerOcid));
      if (!partner) throw new AppError("INVALID_REQUEST", `No partner with OCID ${input.partnerOcid} is registered`, { field: "partnerOcid" });
    }
    const [account] = await tx.insert(apiAccounts).values({ name: input.name, partnerOcid: input.partnerOcid ?? null }).returning();
    await recordAudit(tx, { actor, action: "api_account.created", partnerOcid: input.partnerOcid ?? null, details: { accountId: account!.id } });
    return account!;
  });
}

/** Returns the key in clear exactly once; only its hash is stored. */
export async function createApiKey(db: Db, accountId: string, mode: ApiKeyMode, actor: AuditActor, name: string | null = null): Promise<{ id: string; key: string; label: string }> {
  const key = generateApiKey(mode);
  const label = apiKeyLabel(key);
  return db.transaction(async (tx) => {
    await checkActor(tx, actor);
    const [account] = await tx.select({ id: apiAccounts.id }).from(apiAccounts).where(eq(apiAccounts.id, accountId));
    if (!account) throw new AppError("NOT_FOUND", "No such API account");
    const [row] = await tx.insert(apiKeys).values({ accountId, label, name, keyHash: hashApiKey(key) }).returning({ id: apiKeys.id });
    await recordAudit(tx, { actor, action: "api_key.created", details: { accountId, keyId: row!.id, label, ...(name && { name }) } });
    return { id: row!.id, key, label };
  });
}

export async function revokeApiKey(db: Db, keyId: string, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    await checkActor(tx, actor);
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) return false;
    await recordAudit(tx, { actor, action: "api_key.revoked", details: { accountId: row.accountId, keyId, label: row.label } });
    return true;
  });
}

/** Rows an account's credits are spread over besides its reserve: about as many as charges that run at once. */
const SHARDS = 16;

async function appendLedger(tx: Tx, accountId: string, delta: number, reason: string, reference: string | null): Promise<void> {
  await tx.insert(creditLedger).values({ accountId, delta, reason, reference });
}

/** The whole balance: the reserve and every shard. Qualified columns: drizzle leaves a single table's unqualified. */
const totalBalance = sql<number>`(${apiAccounts.balance} + coalesce((select sum(s.balance) from credit_shards s where s.account_id = "api_accounts"."id"), 0))::int`;

export async function topUp(db: Db, accountId: string, credits: number, note: string | undefined, actor: AuditActor): Promise<number> {
  if (!Number.isInteger(credits) || credits <= 0) throw new AppError("INVALID_REQUEST", "Top up a positive whole number of credits");
  return db.transaction(async (tx) => {
    await checkActor(tx, actor);
    const [account] = await tx
      .update(apiAccounts)
      .set({ balance: sql`${apiAccounts.balance} + ${credits}` })
      .where(eq(apiAccounts.id, accountId))
      .returning({ balance: apiAccounts.balance });
    if (!account) throw new AppError("NOT_FOUND", "No such API account");
    await appendLedger(tx, accountId, credits, "top_up", note || null);
    await recordAudit(tx, { actor, action: "api_account.topped_up", details: { accountId, credits } });
    return (await getAccount(tx, accountId))!.balance;
  });
}

/** Sets the account's requests-per-minute limit (lib/http/rate-limiter.ts); instances pick it up within 30 s. */
export async function setAccountRateLimit(db: Db, accountId: string, rateLimitPerMinute: number, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await checkActor(tx, actor);
    const [account] = await tx.update(apiAccounts).set({ rateLimitPerMinute }).where(eq(apiAccounts.id, accountId)).returning({ id: apiAccounts.id });
    if (!account) throw new AppError("NOT_FOUND", "No such API account");
    await recordAudit(tx, { actor, action: "api_account.rate_limit_set", details: { accountId, rateLimitPerMinute } });
  });
}

/**
 * Takes `cost` credits inside the caller's transaction, or throws 402. Fast path: one shard
 * that can pay and that no other charge holds (SKIP LOCKED, so it never waits). Otherwise the
 * reserve is locked and: while it can pay, a block of it fills a new shard (an even share of
 * what is left, so 16 shards split a balance evenly) or an idle one, the charge taken from it,
 * or when every shard is busy the charge comes from the reserve itself; when the reserve cannot
 * pay, the charge waits for a shard that can; and only when none can are all shards locked and
 * gathered back into the reserve, so only a balance that truly falls short is refused.
 */
export async function chargeCredits(tx: Tx, accountId: string, cost: number, reason: string, reference: string | null = null): Promise<void> {
  // The ledger row is the same whichever balance pays, so it goes with the fast path's update:
  // one round trip for both, pipelined. A 402 throws, and the caller's rollback takes the row back.
  const [paid] = await Promise.all([chargeShard(tx, accountId, cost, { wait: false }), appendLedger(tx, accountId, -cost, reason, reference)]);
  if (!paid) await chargeFromReserve(tx, accountId, cost);
}

/**
 * A charge that is the whole of its transaction (`/api/v1/verify` pays before it reads): the
 * fast path and its ledger row in one statement, committed on its own, so the common case is
 * one round trip instead of begin, charge and commit. Data-modifying CTEs run exactly once and
 * in one snapshot, so the ledger row is written only when the shard paid; otherwise the full
 * path runs in a transaction of its own.
 */
export async function chargeCreditsAlone(db: Db, accountId: string, cost: number, reason: string): Promise<void> {
  // Drizzle puts the embedded update in the parentheses a CTE needs.
  const paid = await executeRows<{ id: number }>(
    db,
    sql`with taken as ${takeFromShard(db, accountId, cost, { wait: false })}
        insert into ${creditLedger} (account_id, delta, reason) select ${accountId}, ${-cost}, ${reason} from taken returning id`,
  );
  if (paid.length === 0) await db.transaction((tx) => chargeCredits(tx, accountId, cost, reason));
}

function takeFromShard(db: DbOrTx, accountId: string, cost: number, { wait }: { wait: boolean }) {
  const shard = and(eq(creditShards.accountId, accountId), gte(creditShards.balance, cost));
  const pick = db.select({ slot: creditShards.slot }).from(creditShards).where(shard).orderBy(sql`random()`).limit(1);
  return db
    .update(creditShards)
    .set({ balance: sql`${creditShards.balance} - ${cost}` })
    .where(and(shard, eq(creditShards.slot, sql`(${wait ? pick.for("no key update") : pick.for("no key update", { skipLocked: true })})`)))
    .returning({ slot: creditShards.slot });
}

async function chargeShard(tx: Tx, accountId: string, cost: number, { wait }: { wait: boolean }): Promise<boolean> {
  const [taken] = await takeFromShard(tx, accountId, cost, { wait });
  return taken !== undefined;
}

async function chargeFromReserve(tx: Tx, accountId: string, cost: number): Promise<void> {
  const [reserve] = await tx.select({ balance: apiAccounts.balance }).from(apiAccounts).where(eq(apiAccounts.id, accountId)).for("no key update");
  if (!reserve) throw new AppError("NOT_FOUND", "No such API account");
  if (reserve.balance < cost) {
    if (!(await chargeShard(tx, accountId, cost, { wait: true }))) await gatherShards(tx, accountId, reserve.balance, cost);
    return;
  }
  const [{ shards }] = (await tx.select({ shards: sql<number>`count(*)::int` }).from(creditShards).where(eq(creditShards.accountId, accountId))) as [{ shards: number }];
  const [idle] =
    shards < SHARDS
      ? []
      : await tx
          .select({ slot: creditShards.slot })
          .from(creditShards)
          .where(eq(creditShards.accountId, accountId))
          .orderBy(creditShards.balance)
          .limit(1)
          .for("no key update", { skipLocked: true });
  // Slots are numbered under the reserve's lock, which every path that creates one holds.
  const slot = shards < SHARDS ? shards : (idle?.slot ?? null);
  const block = slot === null ? cost : Math.max(cost, Math.floor(reserve.balance / Math.max(1, SHARDS - shards)));
  await tx.update(apiAccounts).set({ balance: sql`${apiAccounts.balance} - ${block}` }).where(eq(apiAccounts.id, accountId));
  if (slot === null || block === cost) return;
  await tx
    .insert(creditShards)
    .values({ accountId, slot, balance: block - cost })
    .onConflictDoUpdate({ target: [creditShards.accountId, creditShards.slot], set: { balance: sql`${creditShards.balance} + ${block - cost}` } });
}

/** With the reserve locked and no shard able to pay: every shard locked (waiting for charges in flight on them), their credits back in the reserve, then the charge or 402. */
async function gatherShards(tx: Tx, accountId: string, reserve: number, cost: number): Promise<void> {
  const shards = await tx.select({ balance: creditShards.balance }).from(creditShards).where(eq(creditShards.accountId, accountId)).orderBy(creditShards.slot).for("no key update");
  const total = shards.reduce((sum, shard) => sum + shard.balance, reserve);
  if (total < cost) throw new AppError("INSUFFICIENT_CREDITS", `This request costs ${cost} credit${cost === 1 ? "" : "s"}; top up the account's balance`, { cost });
  await tx.update(creditShards).set({ balance: 0 }).where(eq(creditShards.accountId, accountId));
  await tx.update(apiAccounts).set({ balance: total - cost }).where(eq(apiAccounts.id, accountId));
}

const LAST_USED_MS = 60_000;

/** The account behind a presented key, or null; marks the key used. Look-up is by hash, so timing reveals nothing of the key. */
export async function authenticateApiKey(db: DbOrTx, presented: string | null): Promise<ApiAccount | null> {
  if (!presented || !looksLikeApiKey(presented)) return null;
  const [row] = await db
    .select({ keyId: apiKeys.id, account: apiAccounts })
    .from(apiKeys)
    .innerJoin(apiAccounts, eq(apiAccounts.id, apiKeys.accountId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(presented)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  // "Last used" to the minute is enough: this instance writes it at most once a minute per key
  // (no statement at all in between), and the condition keeps instances from writing it twice.
  const now = Date.now();
  // When this instance last wrote each key's last_used_at.
  const lastUsedWritten = remember("api-key-last-used", () => new Map<string, number>());
  if (now - (lastUsedWritten.get(row.keyId) ?? 0) >= LAST_USED_MS) {
    if (lastUsedWritten.size >= 10_000) lastUsedWritten.clear();
    lastUsedWritten.set(row.keyId, now);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(and(eq(apiKeys.id, row.keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now - LAST_USED_MS)))));
  }
  notePrincipal({ apiAccount: row.account.id });
  return row.account;
}

/** The account with its whole balance (reserve and shards). */
export async function getAccount(db: DbOrTx, accountId: string): Promise<ApiAccount | null> {
  const [account] = await db
    .select({ ...getTableColumns(apiAccounts), balance: totalBalance })
    .from(apiAccounts)
    .where(eq(apiAccounts.id, accountId));
  return account ?? null;
}

export async function listAccounts(db: DbOrTx): Promise<(ApiAccount & { activeKeys: number })[]> {
  // A grouped subquery joined in, not a correlated one in the select list: with a single table
  // drizzle leaves columns unqualified, and "id" inside the subquery would mean the key's own id.
  const active = db
    .select({ accountId: apiKeys.accountId, count: sql<number>`count(*)::int`.as("active_count") })
    .from(apiKeys)
    .where(isNull(apiKeys.revokedAt))
    .groupBy(apiKeys.accountId)
    .as("active_keys");
  return db
    .select({
      id: apiAccounts.id,
      name: apiAccounts.name,
      partnerOcid: apiAccounts.partnerOcid,
      balance: totalBalance,
      rateLimitPerMinute: apiAccounts.rateLimitPerMinute,
      createdAt: apiAccounts.createdAt,
      activeKeys: sql<number>`coalesce(${active.count}, 0)::int`,
    })
    .from(apiAccounts)
    .leftJoin(active, eq(active.accountId, apiAccounts.id))
    .orderBy(apiAccounts.name);
}

export async function listApiKeys(db: DbOrTx, accountId: string) {
  return db
    .select({ id: apiKeys.id, label: apiKeys.label, name: apiKeys.name, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.accountId, accountId))
    .orderBy(desc(apiKeys.createdAt));
}

/** The latest entries, each with the balance after it: the running sum of the ledger in entry order (windows run before LIMIT). */
export async function listLedger(db: DbOrTx, accountId: string, limit = 100) {
  return db
    .select({ ...getTableColumns(creditLedger), balanceAfter: sql<number>`(sum(${creditLedger.delta}) over (order by ${creditLedger.id}))::int` })
    .from(creditLedger)
    .where(eq(creditLedger.accountId, accountId))
    .orderBy(desc(creditLedger.id))
    .limit(limit);
}

/** Sum of the ledger, to check against the balance column. */
export async function ledgerSum(db: DbOrTx, accountId: string): Promise<number> {
  const [row] = await db
    .select({ sum: sql<number>`coalesce(sum(${creditLedger.delta}), 0)::int` })
    .from(creditLedger)
    .where(eq(creditLedger.accountId, accountId));
  return row?.sum ?? 0;
}
