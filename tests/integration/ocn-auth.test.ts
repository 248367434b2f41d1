import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET as capabilities } from "@/app/capabilities/route";
import { POST as validate } from "@/app/kyc/validate/route";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { verifyResponseSignature } from "@/lib/ocn/client";
import { claimNonce, purgeNonces } from "@/lib/ocn/nonces";
import { nonces, partners } from "@/lib/db/schema";
import { setPartnerStatus } from "@/lib/ocn/partner-registry";
import { providerPublicKey } from "@/lib/ocn/provider";
import { generatePrivateKey } from "@/lib/ocn/secp256k1";
import { createUser } from "../support/factories";
import { createTestPartner, signedRequest, startMetadataServer, stopMetadataServer, type SendOptions, type TestPartner } from "../support/ocn-partners";

/** SPEC §2: the check order, every error code with its exact envelope, and signed answers. */
beforeAll(startMetadataServer);
afterAll(stopMetadataServer);

async function read(response: Response) {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as unknown };
}

function envelope(code: string, details?: Record<string, unknown>) {
  return { error: { code, message: expect.any(String), ...(details && { details }) } };
}

const now = () => Math.floor(Date.now() / 1000);

describe("withPartner", () => {
  let partner: TestPartner;
  let userOcid: number;
  beforeAll(async () => {
    partner = await createTestPartner();
    userOcid = (await createUser()).ocid;
  });

  type Case = { name: string; who?: () => Promise<{ ocid: number | string; privateKey: string }>; request: () => SendOptions; status: number; code: string; details?: Record<string, unknown> };
  const validateBody = () => ({ user_ocid: userOcid });
  const cases: Case[] = [
    { name: "no headers at all", request: () => ({ path: "/kyc/validate", body: validateBody(), override: { "X-OC-ID": null, "X-OC-Timestamp": null, "X-OC-Nonce": null, "X-OC-Signature": null } }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "no signature", request: () => ({ path: "/kyc/validate", body: validateBody(), override: { "X-OC-Signature": null } }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "OCID not a number", request: () => ({ path: "/kyc/validate", body: validateBody(), override: { "X-OC-ID": "abc" } }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "timestamp not Unix seconds", request: () => ({ path: "/kyc/validate", body: validateBody(), override: { "X-OC-Timestamp": "2026-01-01T00:00:00Z" } }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "nonce longer than 128", request: () => ({ path: "/kyc/validate", body: validateBody(), nonce: "n".repeat(129) }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "signature not hex", request: () => ({ path: "/kyc/validate", body: validateBody(), override: { "X-OC-Signature": "zz".repeat(65) } }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "timestamp 301 s old", request: () => ({ path: "/kyc/validate", body: validateBody(), timestamp: now() - 301 }), status: 401, code: "TIMESTAMP_EXPIRED" },
    { name: "timestamp 301 s ahead", request: () => ({ path: "/kyc/validate", body: validateBody(), timestamp: now() + 301 }), status: 401, code: "TIMESTAMP_EXPIRED" },
    { name: "unknown OCID", who: async () => ({ ocid: 1_999_999_999, privateKey: generatePrivateKey() }), request: () => ({ path: "/kyc/validate", body: validateBody() }), status: 401, code: "UNKNOWN_OCID" },
    { name: "metadata unreachable", who: () => createTestPartner({ metadata: "unreachable" }), request: () => ({ path: "/kyc/validate", body: validateBody() }), status: 502, code: "METADATA_UNAVAILABLE" },
    { name: "metadata signature invalid", who: () => createTestPartner({ metadata: "bad-signature" }), request: () => ({ path: "/kyc/validate", body: validateBody() }), status: 502, code: "METADATA_UNAVAILABLE" },
    { name: "partner suspended", who: () => createTestPartner({ status: "suspended" }), request: () => ({ path: "/kyc/validate", body: validateBody() }), status: 403, code: "CONNECTION_REFUSED" },
    { name: "signed by another key", request: () => ({ path: "/kyc/validate", body: validateBody(), signingKey: generatePrivateKey() }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "signed another path", request: () => ({ path: "/kyc/validate", body: validateBody(), signedPath: "/kyc/data" }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "signed another query", request: () => ({ path: "/kyc/validate?x=1", body: validateBody(), signedPath: "/kyc/validate?x=2" }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "body changed after signing", request: () => ({ path: "/kyc/validate", body: validateBody(), signedBody: JSON.stringify({ user_ocid: 1 }) }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "body over 64 KiB", request: () => ({ path: "/kyc/validate", body: JSON.stringify({ user_ocid: userOcid, pad: "x".repeat(70_000) }) }), status: 413, code: "PAYLOAD_TOO_LARGE" },
    { name: "malformed JSON", request: () => ({ path: "/kyc/validate", body: "{user_ocid:" }), status: 400, code: "INVALID_REQUEST", details: { field: "body" } },
  ];

  it.each(cases)("$name → $status $code, signed", async ({ who, request, status, code, details }) => {
    const caller = who ? await who() : partner;
    const response = await read(await validate(signedRequest(caller, request())));
    expect(response.status).toBe(status);
    expect(response.json).toEqual(envelope(code, details));
    expect(verifyResponseSignature({ ...response, body: response.text, providerPublicKey: providerPublicKey(), providerOcid: getEnv().ocid })).toBe(true);
  });

  // Every case below carries two or more faults: the one SPEC §2 checks first must be the one reported.
  const unknown = async () => ({ ocid: 1_999_999_998, privateKey: generatePrivateKey() });
  const oversized = () => JSON.stringify({ user_ocid: userOcid, pad: "x".repeat(70_000) });
  const combined: Case[] = [
    { name: "malformed signature, expired timestamp", request: () => ({ path: "/kyc/validate", body: validateBody(), timestamp: now() - 3600, override: { "X-OC-Signature": "zz".repeat(65) } }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "nonce too long, unknown OCID", who: unknown, request: () => ({ path: "/kyc/validate", body: validateBody(), nonce: "n".repeat(129) }), status: 401, code: "INVALID_SIGNATURE" },
    { name: "expired timestamp, unknown OCID", who: unknown, request: () => ({ path: "/kyc/validate", body: validateBody(), timestamp: now() - 301 }), status: 401, code: "TIMESTAMP_EXPIRED" },
    { name: "expired timestamp, metadata unreachable", who: () => createTestPartner({ metadata: "unreachable" }), request: () => ({ path: "/kyc/validate", body: validateBody(), timestamp: now() + 301 }), status: 401, code: "TIMESTAMP_EXPIRED" },
    { name: "expired timestamp, suspended, signed by another key", who: () => createTestPartner({ status: "suspended" }), request: () => ({ path: "/kyc/validate", body: validateBody(), timestamp: now() - 301, signingKey: generatePrivateKey() }), status: 401, code: "TIMESTAMP_EXPIRED" },
    { name: "unknown OCID, signed by another key", who: unknown, request: () => ({ path: "/kyc/validate", body: validateBody(), signingKey: generatePrivateKey() }), status: 401, code: "UNKNOWN_OCID" },
    { name: "unknown OCID, body over 64 KiB", who: unknown, request: () => ({ path: "/kyc/validate", body: oversized() }), status: 401, code: "UNKNOWN_OCID" },
    { name: "metadata unreachable, suspended", who: () => createTestPartner({ metadata: "unreachable", status: "suspended" }), request: () => ({ path: "/kyc/validate", body: validateBody() }), status: 502, code: "METADATA_UNAVAILABLE" },
    { name: "metadata signature invalid, signed by another key", who: () => createTestPartner({ metadata: "bad-signature" }), request: () => ({ path: "/kyc/validate", body: validateBody(), signingKey: generatePrivateKey() }), status: 502, code: "METADATA_UNAVAILABLE" },
    { name: "suspended, signed by another key", who: () => createTestPartner({ status: "suspended" }), request: () => ({ path: "/kyc/validate", body: validateBody(), signingKey: generatePrivateKey() }), status: 403, code: "CONNECTION_REFUSED" },
    { name: "suspended, body over 64 KiB", who: () => createTestPartner({ status: "suspended" }), request: () => ({ path: "/kyc/validate", body: oversized() }), status: 403, code: "CONNECTION_REFUSED" },
    { name: "body over 64 KiB, signed by another key", request: () => ({ path: "/kyc/validate", body: oversized(), signingKey: generatePrivateKey() }), status: 413, code: "PAYLOAD_TOO_LARGE" },
    { name: "signed another body, malformed JSON", request: () => ({ path: "/kyc/validate", body: "{user_ocid:", signedBody: "{}" }), status: 401, code: "INVALID_SIGNATURE" },
  ];

  it.each(combined)("$name → $status $code, signed", async ({ who, request, status, code }) => {
    const caller = who ? await who() : partner;
    const response = await read(await validate(signedRequest(caller, request())));
    expect(response.status).toBe(status);
    expect(response.json).toEqual(envelope(code));
    expect(verifyResponseSignature({ ...response, body: response.text, providerPublicKey: providerPublicKey(), providerOcid: getEnv().ocid })).toBe(true);
  });

  async function nonceRecorded(ocid: number, nonce: string): Promise<boolean> {
    const db = await getDb();
    return (await db.select().from(nonces).where(and(eq(nonces.ocid, ocid), eq(nonces.nonce, nonce)))).length > 0;
  }

  // The nonce is claimed last: a request refused for any other reason must not use it up.
  const refusedBeforeTheNonce: Case[] = [
    { name: "expired timestamp", request: () => ({ path: "/kyc/validate", body: validateBody(), timestamp: now() - 301 }), status: 401, code: "TIMESTAMP_EXPIRED" },
    { name: "metadata unreachable", who: () => createTestPartner({ metadata: "unreachable" }), request: () => ({ path: "/kyc/validate", body: validateBody() }), status: 502, code: "METADATA_UNAVAILABLE" },
    { name: "suspended", who: () => createTestPartner({ status: "suspended" }), request: () => ({ path: "/kyc/validate", body: validateBody() }), status: 403, code: "CONNECTION_REFUSED" },
    { name: "body over 64 KiB", request: () => ({ path: "/kyc/validate", body: oversized() }), status: 413, code: "PAYLOAD_TOO_LARGE" },
    { name: "signed by another key", request: () => ({ path: "/kyc/validate", body: validateBody(), signingKey: generatePrivateKey() }), status: 401, code: "INVALID_SIGNATURE" },
  ];

  it.each(refusedBeforeTheNonce)("a request refused with $code ($name) does not record its nonce", async ({ who, request, status, code }) => {
    const caller = who ? await who() : partner;
    const nonce = crypto.randomUUID();
    const response = await read(await validate(signedRequest(caller, { ...request(), nonce })));
    expect([response.status, response.json]).toEqual([status, envelope(code)]);
    expect(await nonceRecorded(Number(caller.ocid), nonce)).toBe(false);
  });

  it("a badly signed request leaves its fresh nonce usable by the real partner", async () => {
    const nonce = crypto.randomUUID();
    const forged = await read(await validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce, signingKey: generatePrivateKey() })));
    expect([forged.status, forged.json]).toEqual([401, envelope("INVALID_SIGNATURE")]);
    const genuine = await validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce }));
    expect(genuine.status).toBe(200);
    expect(await nonceRecorded(partner.ocid, nonce)).toBe(true);
    const replay = await read(await validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce })));
    expect([replay.status, replay.json]).toEqual([401, envelope("NONCE_REUSED")]);
  });

  it("a badly signed request with an already used nonce is INVALID_SIGNATURE, not NONCE_REUSED", async () => {
    const nonce = crypto.randomUUID();
    expect((await validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce }))).status).toBe(200);
    const forged = await read(await validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce, signingKey: generatePrivateKey() })));
    expect([forged.status, forged.json]).toEqual([401, envelope("INVALID_SIGNATURE")]);
  });

  it("accepts a well-signed request and signs the answer", async () => {
    const response = await read(await validate(signedRequest(partner, { path: "/kyc/validate", body: { user_ocid: String(userOcid) } })));
    expect(response.status).toBe(200);
    expect(response.headers.get("X-OC-ID")).toBe(String(getEnv().ocid));
    expect(verifyResponseSignature({ ...response, body: response.text, providerPublicKey: providerPublicKey() })).toBe(true);
  });

  it("refuses the same nonce twice with NONCE_REUSED", async () => {
    const nonce = crypto.randomUUID();
    const first = await validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce }));
    const second = await read(await validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce })));
    expect(first.status).toBe(200);
    expect(second.status).toBe(401);
    expect(second.json).toEqual(envelope("NONCE_REUSED"));
  });

  // /kyc/validate claims its nonce inside its one statement; these show it answers as if the
  // nonce had been checked before anything else, whatever else is wrong with the request.
  it.each([
    ["a body that is not JSON", () => "{"],
    ["an unknown grant", () => ({ user_ocid: userOcid, grants: ["shoe_size"] })],
    ["a person nobody knows", () => ({ user_ocid: 1_999_999_999 })],
    ["an OCID out of range", () => ({ user_ocid: 99_999_999_999 })],
  ])("a replay with %s is NONCE_REUSED, and the first request used the nonce up", async (_name, body) => {
    const nonce = crypto.randomUUID();
    const first = await read(await validate(signedRequest(partner, { path: "/kyc/validate", body: body(), nonce })));
    expect(first.json).not.toEqual(envelope("NONCE_REUSED"));
    const replay = await read(await validate(signedRequest(partner, { path: "/kyc/validate", body: body(), nonce })));
    expect([replay.status, replay.json]).toEqual([401, envelope("NONCE_REUSED")]);
    // A correct request cannot take the nonce back either.
    const correct = await read(await validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce })));
    expect([correct.status, correct.json]).toEqual([401, envelope("NONCE_REUSED")]);
  });

  it("lets exactly one of many concurrent requests with one nonce through", async () => {
    const nonce = crypto.randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce }))),
    );
    const answers = await Promise.all(responses.map(read));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    const losers = answers.filter((answer) => answer.status !== 200);
    expect(losers.map((answer) => [answer.status, answer.json])).toEqual(Array.from({ length: 11 }, () => [401, envelope("NONCE_REUSED")]));
  });

  it("claims a nonce atomically in the database", async () => {
    const db = await getDb();
    const nonce = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => claimNonce(db, partner.ocid, nonce)));
    expect(results.filter(Boolean)).toHaveLength(1);
    // The same nonce from another partner is a different nonce.
    expect(await claimNonce(db, partner.ocid + 1, nonce)).toBe(true);
  });

  it("accepts a nonce again once its 600 s are over, and purges old nonces", async () => {
    const db = await getDb();
    const nonce = crypto.randomUUID();
    const old = new Date(Date.now() - 601_000);
    await db.insert(nonces).values({ ocid: partner.ocid, nonce, seenAt: old });
    await db.insert(nonces).values({ ocid: partner.ocid, nonce: `${nonce}-stale`, seenAt: old });
    expect(await claimNonce(db, partner.ocid, nonce)).toBe(true);
    expect(await claimNonce(db, partner.ocid, nonce)).toBe(false);
    await purgeNonces(db);
    const left = await db.select().from(nonces).where(and(eq(nonces.ocid, partner.ocid), like(nonces.nonce, `${nonce}%`)));
    expect(left.map((row) => row.nonce)).toEqual([nonce]);
  });

  it("refuses a partner the moment staff suspend it here, and within a second when the change comes from another instance", async () => {
    const db = await getDb();
    const staff = await createUser({ role: "admin" });
    const caller = await createTestPartner();
    const call = async () => (await read(await capabilities(signedRequest(caller, { path: "/capabilities" })))).status;
    expect(await call()).toBe(200);
    await setPartnerStatus(db, staff.id, caller.ocid, "suspended");
    expect(await call()).toBe(403);
    await setPartnerStatus(db, staff.id, caller.ocid, "active");
    expect(await call()).toBe(200);

    // Another instance's change reaches this one only through the database: the row read
    // for the last request is trusted for at most one second, then read again.
    await db.update(partners).set({ status: "suspended" }).where(eq(partners.ocid, caller.ocid));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await call()).toBe(403);
  });

  it("narrows /capabilities to the partner's allowed grants", async () => {
    const narrow = await createTestPartner({ allowedGrants: ["email", "name"] });
    const response = await read(await capabilities(signedRequest(narrow, { path: "/capabilities" })));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ocid: getEnv().ocid, name: "Attest", capabilities: ["kyc.grant", "kyc.validate", "kyc.data"], supported_grants: ["name", "email"] });
  });
});
