import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET as capabilities } from "@/app/capabilities/route";
import { POST as validate } from "@/app/kyc/validate/route";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { verifyResponseSignature } from "@/lib/ocn/client";
import { claimNonce, purgeNonces } from "@/lib/ocn/nonces";
import { nonces } from "@/lib/db/schema";
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

  it("lets exactly one of many concurrent requests with one nonce through", async () => {
    const nonce = crypto.randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => validate(signedRequest(partner, { path: "/kyc/validate", body: validateBody(), nonce }))),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(11);
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

  it("narrows /capabilities to the partner's allowed grants", async () => {
    const narrow = await createTestPartner({ allowedGrants: ["email", "name"] });
    const response = await read(await capabilities(signedRequest(narrow, { path: "/capabilities" })));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ocid: getEnv().ocid, name: "Attest", capabilities: ["kyc.grant", "kyc.validate", "kyc.data"], supported_grants: ["name", "email"] });
  });
});
