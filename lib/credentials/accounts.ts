import "server-only";

import { and, desc, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import { recordAudit, type AuditActor } from "@/lib/audit/log";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { CreateAccountInput } from "@/lib/credentials/account-schemas";
import { apiKeyLabel, generateApiKey, hashApiKey, looksLikeApiKey, type ApiKeyMode } from "@/lib/credentials/api-keys";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { apiAccounts, apiKeys, creditLedger, partners } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { notePrincipal } from "@/lib/http/request-context";

/**
 * API accounts (SPEC §6): organisations with a credit balance. The balance
 * column is a cache of the ledger's sum, changed only together with a ledger
 * row in one transaction, so the two can never disagree.
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

async function appendLedger(tx: Tx, accountId: string, delta: number, balanceAfter: number, reason: string, reference: string | null): Promise<void> {
  await tx.insert(creditLedger).values({ accountId, delta, balanceAfter, reason, reference });
}

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
    await appendLedger(tx, accountId, credits, account.balance, "top_up", note || null);
    await recordAudit(tx, { actor, action: "api_account.topped_up", details: { accountId, credits } });
    return account.balance;
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
 * Takes `cost` credits inside the caller's transaction, or throws 402. The
 * conditional UPDATE is the guard: concurrent charges queue on the row and
 * each re-checks the balance, so it can never go below zero.
 */
export async function chargeCredits(tx: Tx, accountId: string, cost: number, reason: string, reference: string | null = null): Promise<number> {
  const [account] = await tx
    .update(apiAccounts)
    .set({ balance: sql`${apiAccounts.balance} - ${cost}` })
    .where(and(eq(apiAccounts.id, accountId), gte(apiAccounts.balance, cost)))
    .returning({ balance: apiAccounts.balance });
  if (!account) throw new AppError("INSUFFICIENT_CREDITS", `This request costs ${cost} credit${cost === 1 ? "" : "s"}; top up the account's balance`, { cost });
  await appendLedger(tx, accountId, -cost, account.balance, reason, reference);
  return account.balance;
}

/** The account behind a presented key, or null; marks the key used. Look-up is by hash, so timing reveals nothing of the key. */
export async function authenticateApiKey(db: DbOrTx, presented: string | null): Promise<ApiAccount | null> {
  if (!presented || !looksLikeApiKey(presented)) return null;
  const [row] = await db
    .select({ keyId: apiKeys.id, account: apiAccounts })
    .from(apiKeys)
    .innerJoin(apiAccounts, eq(apiAccounts.id, apiKeys.accountId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(presented)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  // "Last used" to the minute is enough, and spares a write on every request of a busy key.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.id, row.keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(Date.now() - 60_000)))));
  notePrincipal({ apiAccount: row.account.id });
  return row.account;
}

export async function getAccount(db: DbOrTx, accountId: string): Promise<ApiAccount | null> {
  const [account] = await db.select().from(apiAccounts).where(eq(apiAccounts.id, accountId));
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
      balance: apiAccounts.balance,
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

export async function listLedger(db: DbOrTx, accountId: string, limit = 100) {
  return db.select().from(creditLedger).where(eq(creditLedger.accountId, accountId)).orderBy(desc(creditLedger.id)).limit(limit);
}

/** Sum of the ledger, to check against the balance column. */
export async function ledgerSum(db: DbOrTx, accountId: string): Promise<number> {
  const [row] = await db
    .select({ sum: sql<number>`coalesce(sum(${creditLedger.delta}), 0)::int` })
    .from(creditLedger)
    .where(eq(creditLedger.accountId, accountId));
  return row?.sum ?? 0;
}
