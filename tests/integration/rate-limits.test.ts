import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST as verifyRoute } from "@/app/api/v1/verify/route";
import { POST as validate } from "@/app/kyc/validate/route";
import { getAccount, setAccountRateLimit } from "@/lib/credentials/accounts";
import { getDb } from "@/lib/db/client";
import { apiAccounts, auditLog, partners } from "@/lib/db/schema";
import { RateLimiter } from "@/lib/http/rate-limiter";
import { verifyResponseSignature } from "@/lib/ocn/client";
import { partnerFormValues, partnerSchema } from "@/lib/ocn/partner-registry";
import { providerPublicKey } from "@/lib/ocn/provider";
import { createFundedAccount, jsonRequest } from "@/tests/support/credentials";
import { createUser } from "@/tests/support/factories";
import { createTestPartner, signedRequest, startMetadataServer, stopMetadataServer } from "@/tests/support/ocn-partners";

/**
 * Rate limits per partner and per API account (SPEC §13): 429 RATE_LIMITED with Retry-After
 * and the IETF RateLimit fields, signed on the OCN routes; counted per instance and reconciled
 * through the database in batches, so instances together keep to the limit.
 */
beforeAll(startMetadataServer);
afterAll(stopMetadataServer);

/** Starts clear of a minute boundary, so a window cannot roll over mid-test. */
async function awayFromWindowEdge() {
  const into = Date.now() % 60_000;
  if (into > 52_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - into + 200));
}

function expectRateLimitHeaders(response: Response, limit: number) {
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.headers.get("ratelimit-policy")).toBe(`"default";q=${limit};w=60`);
  expect(response.headers.get("ratelimit")).toBe(`"default";r=0;t=${retryAfter}`);
}

describe("over a partner's limit on the OCN routes", () => {
  it("answers 429 RATE_LIMITED, signed, with Retry-After and RateLimit headers", async () => {
    await awayFromWindowEdge();
    const partner = await createTestPartner();
    await (await getDb()).update(partners).set({ rateLimitPerMinute: 3 }).where(eq(partners.ocid, partner.ocid));
    const user = await createUser();
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 5; i += 1) {
      const response = await validate(signedRequest(partner, { path: "/kyc/validate", body: { user_ocid: user.ocid } }));
      statuses.push(response.status);
      if (response.status === 429) refused ??= response;
      else await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const text = await refused!.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(verifyResponseSignature({ status: 429, headers: refused!.headers, body: text, providerPublicKey: providerPublicKey() })).toBe(true);
    expectRateLimitHeaders(refused!, 3);

    // Another partner has its own budget.
    const other = await createTestPartner();
    expect((await validate(signedRequest(other, { path: "/kyc/validate", body: { user_ocid: user.ocid } }))).status).toBe(200);
  }, 90_000);
});

describe("over an API account's limit", () => {
  it("answers 429 RATE_LIMITED with the headers, and charges nothing for the refused call", async () => {
    await awayFromWindowEdge();
    const { account, apiKey } = await createFundedAccount(10);
    await (await getDb()).update(apiAccounts).set({ rateLimitPerMinute: 2 }).where(eq(apiAccounts.id, account.id));
    const call = () => verifyRoute(jsonRequest("/api/v1/verify", { token: "x", public_key_pem: "y" }, { "x-api-key": apiKey }));
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    expectRateLimitHeaders(refused, 2);
    expect((await getAccount(await getDb(), account.id))!.balance).toBe(8);
  }, 90_000);
});

describe("the limiter across instances", () => {
  /** Two instances: two limiters (two module states) sharing one database, on one clock. */
  function instances(start = Date.UTC(2026, 0, 1, 12, 0, 5)) {
    const clock = { now: start };
    const statements = { count: 0 };
    const make = () =>
      new RateLimiter(async () => {
        statements.count += 1;
        return getDb();
      }, () => clock.now);
    return { a: make(), b: make(), clock, statements };
  }

  it("goes to the database once per lease (a tenth of the limit), not per request, batching callers", async () => {
    const { a, statements } = instances();
    const subject = `test:${crypto.randomUUID()}`;
    for (let i = 0; i < 60; i += 1) expect((await a.take(subject, 600)).allowed).toBe(true);
    expect(statements.count).toBe(1);
    await a.take(subject, 600);
    expect(statements.count).toBe(2);
    // Callers needing a lease at the same moment share one statement.
    const others = Array.from({ length: 5 }, () => `test:${crypto.randomUUID()}`);
    await Promise.all(others.map((other) => a.take(other, 600)));
    expect(statements.count).toBe(3);
  });

  it("keeps two instances together within the limit, refusing few before it is reached", async () => {
    const { a, b, clock } = instances();
    const subject = `test:${crypto.randomUUID()}`;
    const limit = 100;
    let admitted = 0;
    // Bursts of concurrent requests landing on both instances, as behind a load balancer.
    for (let round = 0; round < 20; round += 1) {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).take(subject, limit)));
      admitted += results.filter((result) => result.allowed).length;
    }
    // Never over; short of it at most by what the other instance still holds unused.
    expect(admitted).toBeLessThanOrEqual(limit);
    expect(admitted).toBeGreaterThanOrEqual(limit * 0.9);
    const refused = await a.take(subject, limit);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, limit });
    expect(refused.resetSeconds).toBe(55);

    // The next minute starts afresh on both.
    clock.now += 60_000;
    expect((await a.take(subject, limit)).allowed).toBe(true);
    expect((await b.take(subject, limit)).allowed).toBe(true);
  });

  it("follows a lowered limit at once", async () => {
    const { a } = instances();
    const subject = `test:${crypto.randomUUID()}`;
    for (let i = 0; i < 10; i += 1) expect((await a.take(subject, 100)).allowed).toBe(true);
    expect((await a.take(subject, 10)).allowed).toBe(false);
    expect((await a.take(subject, 100)).allowed).toBe(true);
  });
});

describe("limits set by admins", () => {
  it("reads the partner form's limit, 600 when left empty, refusing nonsense", () => {
    const form = (value: string | null) => {
      const data = new FormData();
      for (const [name, text] of Object.entries({ ocid: "301", name: "P", metadataUrl: "https://p.example/metadata.json", callbackOrigins: "", retentionNote: "" })) data.set(name, text);
      data.append("allowedGrants", "name");
      if (value !== null) data.set("rateLimitPerMinute", value);
      return partnerSchema.safeParse(partnerFormValues(data));
    };
    expect(form("1200").data?.rateLimitPerMinute).toBe(1200);
    expect(form(null).data?.rateLimitPerMinute).toBe(600);
    for (const bad of ["0", "-5", "1.5", "abc", "2000000"]) expect(form(bad).success, bad).toBe(false);
  });

  it("stores an account's new limit with an audit entry, and the next calls obey it", async () => {
    await awayFromWindowEdge();
    const { account, apiKey } = await createFundedAccount(10);
    const db = await getDb();
    await setAccountRateLimit(db, account.id, 1, { type: "system" });
    expect((await getAccount(db, account.id))!.rateLimitPerMinute).toBe(1);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "api_account.rate_limit_set"));
    expect(audit.some((entry) => entry.details.accountId === account.id && entry.details.rateLimitPerMinute === 1)).toBe(true);
    const call = () => verifyRoute(jsonRequest("/api/v1/verify", { token: "x", public_key_pem: "y" }, { "x-api-key": apiKey }));
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(429);
  }, 90_000);
});
