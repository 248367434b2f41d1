import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { POST as issueRoute } from "@/app/api/v1/issue/route";
import { POST as tokensRoute } from "@/app/api/v1/tokens/route";
import { getAccount, ledgerSum, topUp } from "@/lib/credentials/accounts";
import { sweepIdempotencyKeys } from "@/lib/credentials/idempotency";
import { getDb } from "@/lib/db/client";
import { credentials, idempotencyKeys } from "@/lib/db/schema";
import { createFundedAccount, createPerson, grantIssuanceItems, jsonRequest } from "@/tests/support/credentials";

/**
 * `Idempotency-Key` on POST /api/v1/issue and /api/v1/tokens (SPEC §6): a retry returns the
 * first answer without a second credential or charge, also when the retries race each other.
 */
const issue = (body: unknown, bearer: string, key?: string) =>
  issueRoute(jsonRequest("/api/v1/issue", body, { authorization: `Bearer ${bearer}`, ...(key === undefined ? {} : { "idempotency-key": key }) }));

async function issuingAccount(credits = 100) {
  const funded = await createFundedAccount(credits);
  const person = await createPerson();
  await grantIssuanceItems(person.user.id, funded.partnerOcid!);
  return { ...funded, person };
}

async function credentialCount(accountId: string): Promise<number> {
  const db = await getDb();
  return (await db.select({ id: credentials.id }).from(credentials).where(eq(credentials.accountId, accountId))).length;
}

describe("Idempotency-Key on POST /api/v1/issue", () => {
  it("returns the first answer to a retry with the same key and body, charging once", async () => {
    const { account, bearer, person } = await issuingAccount();
    const key = crypto.randomUUID();
    const first = await issue(person.request, bearer, key);
    expect(first.status).toBe(200);
    const firstBody = await first.text();
    // The body may differ in key order or spacing: the parsed request is what counts.
    const reordered = Object.fromEntries(Object.entries(person.request).reverse());
    const again = await issue(reordered, bearer, key);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(firstBody);
    const db = await getDb();
    expect((await getAccount(db, account.id))!.balance).toBe(90);
    expect(await ledgerSum(db, account.id)).toBe(90);
    expect(await credentialCount(account.id)).toBe(1);

    // Without a key, or with another, it is a new request.
    expect((await issue(person.request, bearer)).status).toBe(200);
    expect((await issue(person.request, bearer, crypto.randomUUID())).status).toBe(200);
    expect((await getAccount(db, account.id))!.balance).toBe(70);
  });

  it("refuses the key with another body: 422 IDEMPOTENCY_KEY_REUSED, nothing charged", async () => {
    const { account, bearer, person } = await issuingAccount();
    const key = crypto.randomUUID();
    expect((await issue(person.request, bearer, key)).status).toBe(200);
    const other = await issue({ ...person.request, tier: "Tier2" }, bearer, key);
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect((await getAccount(await getDb(), account.id))!.balance).toBe(90);
  });

  it("issues once when requests with one key race, every one getting the same credential", async () => {
    const { account, bearer, person } = await issuingAccount();
    const key = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 6 }, () => issue(person.request, bearer, key)));
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(200));
    const ids = new Set(await Promise.all(responses.map(async (response) => ((await response.json()) as { credential_id: string }).credential_id)));
    expect(ids.size).toBe(1);
    expect(await credentialCount(account.id)).toBe(1);
    expect((await getAccount(await getDb(), account.id))!.balance).toBe(90);
  });

  it("does not keep a failure: a retry after the cause is fixed runs afresh", async () => {
    const { account, bearer, person } = await issuingAccount(5);
    const key = crypto.randomUUID();
    expect((await issue(person.request, bearer, key)).status).toBe(402);
    await topUp(await getDb(), account.id, 10, "test", { type: "system" });
    const retried = await issue(person.request, bearer, key);
    expect(retried.status).toBe(200);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect((await getAccount(await getDb(), account.id))!.balance).toBe(5);
  });

  it("keeps keys per account: another account's identical key is its own", async () => {
    const a = await issuingAccount();
    const b = await issuingAccount();
    const key = "order-1";
    const first = (await (await issue(a.person.request, a.bearer, key)).json()) as { credential_id: string };
    const second = (await (await issue(b.person.request, b.bearer, key)).json()) as { credential_id: string };
    expect(second.credential_id).not.toBe(first.credential_id);
    expect(await credentialCount(b.account.id)).toBe(1);
  });

  it("takes over a claim its holder abandoned, and forgets keys after 24 hours", async () => {
    const { account, bearer, person } = await issuingAccount();
    const db = await getDb();
    const scope = `account:${account.id}`;
    // A first request whose process died before it issued: the claim has no answer and is old.
    const probe = await issue(person.request, bearer, "probe");
    expect(probe.status).toBe(200);
    const [{ requestHash }] = (await db.select({ requestHash: idempotencyKeys.requestHash }).from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, "probe")))) as [{ requestHash: string }];
    await db.insert(idempotencyKeys).values({ scope, route: "issue", key: "dead", requestHash, claim: crypto.randomUUID(), claimedAt: new Date(Date.now() - 5 * 60_000) });
    expect((await issue(person.request, bearer, "dead")).status).toBe(200);
    expect(await credentialCount(account.id)).toBe(2);

    await db.update(idempotencyKeys).set({ createdAt: sql`now() - interval '25 hours'` }).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, "probe")));
    // Expired: the key is free again, even for another body.
    expect((await issue({ ...person.request, tier: "Tier1" }, bearer, "probe")).status).toBe(200);
    await db.update(idempotencyKeys).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(idempotencyKeys.scope, scope));
    expect(await sweepIdempotencyKeys(db)).toBeGreaterThanOrEqual(2);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.scope, scope))).toEqual([]);
  });

  it("answers a malformed key with 400, nothing issued", async () => {
    const { account, bearer, person } = await issuingAccount();
    for (const key of ["", "x".repeat(256), "naïve"]) {
      const response = await issue(person.request, bearer, key);
      expect(response.status, JSON.stringify(key)).toBe(400);
    }
    expect(await credentialCount(account.id)).toBe(0);
  });
});

describe("Idempotency-Key on POST /api/v1/tokens", () => {
  it("returns the same bearer token to a retry with the key", async () => {
    const { apiKey } = await createFundedAccount(0);
    const mint = (key?: string) => tokensRoute(new Request("http://127.0.0.1:3999/api/v1/tokens", { method: "POST", headers: { "x-api-key": apiKey, ...(key ? { "idempotency-key": key } : {}) } }));
    const key = crypto.randomUUID();
    const responses = await Promise.all([mint(key), mint(key), mint(key)]);
    const tokens = new Set(await Promise.all(responses.map(async (response) => ((await response.json()) as { token: string }).token)));
    expect(tokens.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const fresh = (await (await mint()).json()) as { token: string };
    expect(tokens.has(fresh.token)).toBe(false);
  });
});
