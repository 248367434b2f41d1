import { createHash, createPublicKey, hkdfSync, verify as cryptoVerify } from "node:crypto";
import { gunzipSync } from "node:zlib";

import { eq } from "drizzle-orm";
import { SignJWT, UnsecuredJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";

import { POST as issueRoute } from "@/app/api/v1/issue/route";
import { POST as revokeRoute } from "@/app/api/v1/credentials/[id]/revoke/route";
import { GET as statusListRoute } from "@/app/api/v1/status-lists/[id]/route";
import { POST as tokensRoute } from "@/app/api/v1/tokens/route";
import { POST as verifyRoute } from "@/app/api/v1/verify/route";
import { ledgerSum, getAccount } from "@/lib/credentials/accounts";
import { mintBearerToken } from "@/lib/credentials/bearer-tokens";
import { STATUS_LIST_SIZE } from "@/lib/credentials/status-list";
import { registerSigningKey } from "@/lib/credentials/signing-keys";
import { getDb } from "@/lib/db/client";
import { apiKeys, auditLog, creditLedger, credentials, partners } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { getKeys } from "@/lib/keys";
import { ITEMS } from "@/lib/items/items";
import { setGrants } from "@/tests/support/factories";
import { BASE, createFundedAccount, createPerson, grantIssuanceItems, jsonRequest } from "@/tests/support/credentials";

const issue = (body: unknown, bearer?: string) => issueRoute(jsonRequest("/api/v1/issue", body, bearer ? { authorization: `Bearer ${bearer}` } : {}));
const verify = (body: unknown, apiKey?: string) => verifyRoute(jsonRequest("/api/v1/verify", body, apiKey ? { "x-api-key": apiKey } : {}));

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** Checks an EdDSA JWS with Node's own Ed25519, independent of the library that signed it. */
function verifyWithNode(token: string, pem: string): boolean {
  const [header, payload, signature] = token.split(".");
  return cryptoVerify(null, Buffer.from(`${header}.${payload}`), createPublicKey(pem), Buffer.from(signature!, "base64url"));
}

async function statusBitFromPublishedList(statusListCredential: string, index: number): Promise<boolean> {
  const id = new URL(statusListCredential).pathname.split("/").pop()!;
  const response = await statusListRoute(new Request(statusListCredential), { params: Promise.resolve({ id }) });
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
  const jwt = await response.text();
  expect(verifyWithNode(jwt, getKeys().credential.publicKeyPem)).toBe(true);
  expect(decodePart(jwt.split(".")[0]!)).toMatchObject({ alg: "EdDSA", typ: "JWT" });
  type ListClaims = { iss: string; sub: string; jti: string; nbf: number; exp: number; vc: Record<string, unknown> & { id: string; issuer: string; issuanceDate: string; expirationDate: string; type: string[]; credentialSubject: { id: string; type: string; statusPurpose: string; encodedList: string } } };
  const claims = decodePart(jwt.split(".")[1]!) as unknown as ListClaims;
  const vc = claims.vc;
  expect(vc.type).toContain("BitstringStatusListCredential");
  // One data model (VC 1.1), each registered claim the property it encodes.
  expect(vc.id).toBe(statusListCredential);
  expect(claims).toMatchObject({ iss: vc.issuer, sub: vc.credentialSubject.id, jti: vc.id });
  expect(vc.credentialSubject.id).toBe(`${statusListCredential}#list`);
  expect(vc.issuanceDate).toBe(new Date(claims.nbf * 1000).toISOString());
  expect(vc.expirationDate).toBe(new Date(claims.exp * 1000).toISOString());
  expect(vc).not.toHaveProperty("validFrom");
  expect(vc).not.toHaveProperty("validUntil");
  expect(vc.credentialSubject.statusPurpose).toBe("revocation");
  const encoded = vc.credentialSubject.encodedList;
  expect(encoded.startsWith("u")).toBe(true); // multibase prefix for base64url
  const bits = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
  expect(bits.length * 8).toBe(STATUS_LIST_SIZE);
  return (bits[Math.floor(index / 8)]! >> (7 - (index % 8))) & 1 ? true : false;
}

/** The bearer tokens' HMAC key, derived as lib/credentials/bearer-tokens.ts does, to forge tokens that differ in one claim. */
function bearerKey(): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", getKeys().authSecret, Buffer.alloc(0), "attest/api-bearer-tokens", 32));
}

// Start-up records the credential signing key (lib/startup.ts); credentials verified here need it too.
beforeAll(async () => registerSigningKey(await getDb()));

describe("POST /api/v1/issue and /api/v1/verify", () => {
  it("issues a credential that Node's Ed25519 verifies, charges 10 credits, and verifies for 1", async () => {
    const { account, partnerOcid, apiKey, bearer } = await createFundedAccount(100);
    const person = await createPerson();
    // Tier3 relies on every item it attests being granted to the account's partner.
    await setGrants(person.user.id, partnerOcid!, Object.fromEntries(ITEMS.map((item) => [item, "granted"])));

    const response = await issue({ ...person.request, tier: "Tier3" }, bearer);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; token: string; public_key: string; credential_id: string };
    expect(body.status).toBe("issued");
    expect(body.public_key).toBe(getKeys().credential.publicKeyPem);
    expect(verifyWithNode(body.token, body.public_key)).toBe(true);

    const [headerPart, payloadPart] = body.token.split(".");
    expect(decodePart(headerPart!)).toEqual({ alg: "EdDSA", typ: "JWT", kid: `${getEnv().credentialIssuer}#${getKeys().credential.kid}` });
    type Claims = { iss: string; sub: string; jti: string; iat: number; nbf: number; exp: number; vc: { "@context": string[]; type: string[]; issuanceDate: string; expirationDate: string; credentialSubject: unknown; credentialStatus: { id: string; statusListIndex: string; statusListCredential: string } } };
    const payload = decodePart(payloadPart!) as unknown as Claims;
    expect(payload.iss).toBe(getEnv().credentialIssuer);
    expect(getEnv().credentialIssuer).toBe(`did:web:${encodeURIComponent(new URL(BASE).host)}`);
    // VC 1.1's JWT encoding: sub is credentialSubject.id, never Attest's OCID of the person.
    expect(payload.sub).toBe(`did:kyc:user:${createHash("sha256").update(person.request.phone_number).digest("hex")}`);
    expect(payload.jti).toBe(`urn:uuid:${body.credential_id}`);
    expect(payload.exp - payload.iat).toBe(365 * 24 * 3600);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.vc["@context"]).toEqual(["https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/status/v1"]);
    expect(payload.vc.type).toEqual(["VerifiableCredential", "KYCCredential"]);
    expect(payload.vc.credentialSubject).toEqual({
      id: `did:kyc:user:${createHash("sha256").update(person.request.phone_number).digest("hex")}`,
      full_name: "Ada Quintero",
      tier: "Tier3",
      phone_number: person.request.phone_number,
    });
    expect(payload.vc.issuanceDate).toBe(new Date(payload.iat * 1000).toISOString());
    expect(payload.vc.expirationDate).toBe(new Date(payload.exp * 1000).toISOString());
    const status = payload.vc.credentialStatus;
    expect(status).toMatchObject({ type: "BitstringStatusListEntry", statusPurpose: "revocation" });
    expect(status.id).toBe(`${status.statusListCredential}#${status.statusListIndex}`);
    expect(await statusBitFromPublishedList(status.statusListCredential, Number(status.statusListIndex))).toBe(false);

    expect((await getAccount(await getDb(), account.id))!.balance).toBe(90);
    const checked = await verify({ token: body.token, public_key_pem: body.public_key }, apiKey);
    expect(checked.status).toBe(200);
    const result = (await checked.json()) as { valid: boolean; payload: { jti: string } };
    expect(result.valid).toBe(true);
    expect(result.payload.jti).toBe(payload.jti);
    expect((await getAccount(await getDb(), account.id))!.balance).toBe(89);
    expect(await ledgerSum(await getDb(), account.id)).toBe(89);

    const db = await getDb();
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "credential.issued"));
    expect(audit.some((entry) => entry.details.credentialId === body.credential_id)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain("Quintero");
  });

  it("reports a credential revoked by its issuing account invalid, with its bit set in the published list", async () => {
    const { partnerOcid, apiKey, bearer } = await createFundedAccount(100);
    const person = await createPerson();
    await grantIssuanceItems(person.user.id, partnerOcid!);
    const issued = (await (await issue(person.request, bearer)).json()) as { token: string; public_key: string; credential_id: string };

    const other = await createFundedAccount(10);
    const foreignRevoke = await revokeRoute(jsonRequest(`/api/v1/credentials/${issued.credential_id}/revoke`, {}, { authorization: `Bearer ${other.bearer}` }), {
      params: Promise.resolve({ id: issued.credential_id }),
    });
    expect(foreignRevoke.status).toBe(404);

    const revoked = await revokeRoute(jsonRequest(`/api/v1/credentials/${issued.credential_id}/revoke`, {}, { authorization: `Bearer ${bearer}` }), {
      params: Promise.resolve({ id: issued.credential_id }),
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ status: "revoked", credential_id: issued.credential_id });

    const status = (decodePart(issued.token.split(".")[1]!).vc as { credentialStatus: { statusListCredential: string; statusListIndex: string } }).credentialStatus;
    expect(await statusBitFromPublishedList(status.statusListCredential, Number(status.statusListIndex))).toBe(true);
    const result = await (await verify({ token: issued.token, public_key_pem: issued.public_key }, apiKey)).json();
    expect(result).toEqual({ valid: false, error: "Credential revoked" });
  });

  it("lets a person's own bearer token issue for that person only, free of charge", async () => {
    const person = await createPerson({ only: ["name", "email", "phone", "date_of_birth"] });
    const someoneElse = await createPerson();
    const { token } = await mintBearerToken({ kind: "user", userId: person.user.id });
    const own = await issue(person.request, token);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { status: string }).status).toBe("issued");
    const foreign = await issue(someoneElse.request, token);
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
  });

  it("applies the tier rules and names what is missing to the person's own token", async () => {
    const person = await createPerson({ only: ["name", "email", "phone", "date_of_birth", "driver_license", "address", "aml"], override: { aml: { state: "verified", value: { status: "hit", checked_at: "2026-01-01", list: "x" } }, driver_license: { state: "verified", value: { number: "D1", country: "ES", issued_at: "2024-01-01", expires_at: "2034-01-01", images: { front: "f" } } } } });
    const { token } = await mintBearerToken({ kind: "user", userId: person.user.id });
    expect((await issue({ ...person.request, tier: "Tier1" }, token)).status).toBe(200);

    const tier2 = await issue({ ...person.request, tier: "Tier2" }, token);
    expect(tier2.status).toBe(422);
    expect(await tier2.json()).toEqual({ error: { code: "TIER_NOT_MET", message: "Tier2 needs: liveness", details: { tier: "Tier2", missing: ["liveness"] } } });

    const tier3 = await issue({ ...person.request, tier: "Tier3" }, token);
    expect(tier3.status).toBe(422);
    expect(((await tier3.json()) as { error: { details: { missing: string[] } } }).error.details.missing).toEqual(["liveness", "proof_of_address", "aml_clear"]);

    const db = await getDb();
    const issuedRows = await db.select().from(credentials).where(eq(credentials.userId, person.user.id));
    expect(issuedRows).toHaveLength(1);
  });

  it("tells an account token only that a tier is not met, even with everything granted", async () => {
    const { partnerOcid, bearer } = await createFundedAccount(100);
    const person = await createPerson({ only: ["name", "email", "phone", "date_of_birth", "passport", "address", "proof_of_address", "aml"] });
    await setGrants(person.user.id, partnerOcid!, Object.fromEntries(ITEMS.map((item) => [item, "granted"])));
    const tier2 = await issue({ ...person.request, tier: "Tier2" }, bearer);
    expect(tier2.status).toBe(422);
    expect(await tier2.json()).toEqual({ error: { code: "TIER_NOT_MET", message: "Tier2 is not met" } });
  });

  it("issues an account no tier that relies on an item the person withheld from its partner: the same 403 as no consent", async () => {
    // As carol in the demo data: everything verified, liveness denied to the account's partner.
    const { account, partnerOcid, bearer } = await createFundedAccount(100);
    const person = await createPerson();
    const noConsent = await issue(person.request, bearer);
    const noConsentBody = await noConsent.json();
    await setGrants(person.user.id, partnerOcid!, { ...Object.fromEntries(ITEMS.map((item) => [item, "granted"])), liveness: "denied" });

    expect((await issue({ ...person.request, tier: "Tier1" }, bearer)).status).toBe(200);
    for (const tier of ["Tier2", "Tier3"]) {
      const refused = await issue({ ...person.request, tier }, bearer);
      expect(refused.status).toBe(noConsent.status);
      expect(await refused.json()).toEqual(noConsentBody);
    }
    // Granted documents but a denied screening keeps Tier3 out of reach as well.
    await setGrants(person.user.id, partnerOcid!, { liveness: "granted", aml: "denied" });
    expect((await issue({ ...person.request, tier: "Tier2" }, bearer)).status).toBe(200);
    expect(await (await issue({ ...person.request, tier: "Tier3" }, bearer)).json()).toEqual(noConsentBody);
    expect((await getAccount(await getDb(), account.id))!.balance).toBe(80);
  });

  it("needs the account's partner to hold the person's consent to name, email, phone and date of birth", async () => {
    const { account, partnerOcid, bearer } = await createFundedAccount(100);
    const person = await createPerson();
    const nothing = await issue(person.request, bearer);
    expect(nothing.status).toBe(403);
    await grantIssuanceItems(person.user.id, partnerOcid!, "denied");
    const partial = await issue(person.request, bearer);
    expect(partial.status).toBe(403);
    expect(((await partial.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    // An unknown person looks exactly like one who has not consented.
    const unknown = await issue({ ...person.request, email: `nobody-${crypto.randomUUID()}@example.com`, phone_number: "+15550000001" }, bearer);
    expect(unknown.status).toBe(403);
    expect((await getAccount(await getDb(), account.id))!.balance).toBe(100);

    const unlinked = await createFundedAccount(100, { partner: false });
    expect((await issue(person.request, unlinked.bearer)).status).toBe(403);

    await grantIssuanceItems(person.user.id, partnerOcid!);
    await (await getDb()).update(partners).set({ status: "suspended" }).where(eq(partners.ocid, partnerOcid!));
    expect((await issue(person.request, bearer)).status).toBe(403);
    await (await getDb()).update(partners).set({ status: "active" }).where(eq(partners.ocid, partnerOcid!));
    expect((await issue(person.request, bearer)).status).toBe(200);
    expect((await getAccount(await getDb(), account.id))!.balance).toBe(90);
  });

  it("charges issuance and the credential in one transaction: too few credits issue nothing", async () => {
    const { account, partnerOcid, bearer } = await createFundedAccount(9);
    const person = await createPerson();
    await grantIssuanceItems(person.user.id, partnerOcid!);
    const response = await issue(person.request, bearer);
    expect(response.status).toBe(402);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("INSUFFICIENT_CREDITS");
    const db = await getDb();
    expect(await db.select().from(credentials).where(eq(credentials.userId, person.user.id))).toHaveLength(0);
    expect((await getAccount(db, account.id))!.balance).toBe(9);
    expect(await db.select().from(creditLedger).where(eq(creditLedger.accountId, account.id))).toHaveLength(1);
  });

  describe("each 4xx of issue comes in the error envelope", () => {
    const cases: { name: string; setup: () => Promise<{ body: unknown; bearer?: string }>; status: number; code: string; details?: unknown }[] = [
      { name: "no bearer token", setup: async () => ({ body: {} }), status: 401, code: "UNAUTHORIZED" },
      {
        name: "an unsigned token (alg none)",
        setup: async () => {
          const { account } = await createFundedAccount(0);
          const token = new UnsecuredJWT({}).setSubject(`account:${account.id}`).setIssuer(`${BASE}/`).setAudience("attest:credentials-api").setIssuedAt().setExpirationTime("10m").encode();
          return { body: {}, bearer: token };
        },
        status: 401,
        code: "UNAUTHORIZED",
      },
      {
        name: "a token signed with another secret",
        setup: async () => {
          const { account } = await createFundedAccount(0);
          const token = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(`account:${account.id}`).setIssuer(`${BASE}/`).setAudience("attest:credentials-api").setIssuedAt().setExpirationTime("10m").sign(new Uint8Array(32).fill(7));
          return { body: {}, bearer: token };
        },
        status: 401,
        code: "UNAUTHORIZED",
      },
      {
        name: "a token of ours for another audience",
        setup: async () => {
          const { account } = await createFundedAccount(0);
          const token = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(`account:${account.id}`).setIssuer(`${BASE}/`).setAudience("attest:something-else").setIssuedAt().setExpirationTime("10m").sign(bearerKey());
          return { body: {}, bearer: token };
        },
        status: 401,
        code: "UNAUTHORIZED",
      },
      {
        name: "a token of ours naming another issuer",
        setup: async () => {
          const { account } = await createFundedAccount(0);
          const token = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(`account:${account.id}`).setIssuer("https://elsewhere.example/").setAudience("attest:credentials-api").setIssuedAt().setExpirationTime("10m").sign(bearerKey());
          return { body: {}, bearer: token };
        },
        status: 401,
        code: "UNAUTHORIZED",
      },
      {
        name: "an expired token",
        setup: async () => {
          const { account } = await createFundedAccount(0);
          const { token } = await mintBearerToken({ kind: "account", accountId: account.id }, -10);
          return { body: {}, bearer: token };
        },
        status: 401,
        code: "UNAUTHORIZED",
      },
      {
        name: "a malformed body",
        setup: async () => ({ body: { email: "not-an-email" }, bearer: (await createFundedAccount(0)).bearer }),
        status: 400,
        code: "INVALID_REQUEST",
      },
      {
        name: "a phone number not in E.164",
        setup: async () => ({ body: { email: "a@example.com", phone_number: "555-1234", full_name: "A", dob: "1990-01-01" }, bearer: (await createFundedAccount(0)).bearer }),
        status: 400,
        code: "INVALID_REQUEST",
        details: { field: "phone_number" },
      },
      {
        name: "an unknown tier",
        setup: async () => ({ body: { email: "a@example.com", phone_number: "+15551234567", full_name: "A", dob: "1990-01-01", tier: "Tier9" }, bearer: (await createFundedAccount(0)).bearer }),
        status: 400,
        code: "INVALID_REQUEST",
        details: { field: "tier" },
      },
      {
        name: "identity fields that do not match what was verified",
        setup: async () => {
          const { partnerOcid, bearer } = await createFundedAccount(100);
          const person = await createPerson();
          await grantIssuanceItems(person.user.id, partnerOcid!);
          return { body: { ...person.request, full_name: "Someone Else", dob: "1970-01-01" }, bearer };
        },
        status: 422,
        code: "IDENTITY_NOT_VERIFIED",
        details: { fields: ["full_name", "dob"] },
      },
      {
        name: "an identity item still pending",
        setup: async () => {
          const { partnerOcid, bearer } = await createFundedAccount(100);
          const person = await createPerson({ override: { phone: { state: "pending" } } });
          await grantIssuanceItems(person.user.id, partnerOcid!);
          return { body: person.request, bearer };
        },
        status: 422,
        code: "IDENTITY_NOT_VERIFIED",
        details: { fields: ["phone_number"] },
      },
      {
        name: "too few credits",
        setup: async () => {
          const { partnerOcid, bearer } = await createFundedAccount(5);
          const person = await createPerson();
          await grantIssuanceItems(person.user.id, partnerOcid!);
          return { body: person.request, bearer };
        },
        status: 402,
        code: "INSUFFICIENT_CREDITS",
      },
    ];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const { body, bearer } = await testCase.setup();
        const response = await issue(body, bearer);
        expect(response.status).toBe(testCase.status);
        const json = (await response.json()) as { error: { code: string; message: string; details?: unknown } };
        expect(json.error.code).toBe(testCase.code);
        expect(typeof json.error.message).toBe("string");
        if (testCase.details) expect(json.error.details).toEqual(testCase.details);
      });
    }
  });

  it("proves the key derivation above by accepting a well-formed token signed the same way", async () => {
    const { account } = await createFundedAccount(0);
    const token = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(`account:${account.id}`).setIssuer(`${BASE}/`).setAudience("attest:credentials-api").setIssuedAt().setExpirationTime("10m").sign(bearerKey());
    // Past authentication, an empty body is the next thing refused.
    expect(((await (await issue({}, token)).json()) as { error: { code: string } }).error.code).toBe("INVALID_REQUEST");
  });

  it("lets only the issuing account's token revoke: a person's own token is refused", async () => {
    const { partnerOcid, bearer } = await createFundedAccount(100);
    const person = await createPerson();
    await grantIssuanceItems(person.user.id, partnerOcid!);
    const issued = (await (await issue(person.request, bearer)).json()) as { credential_id: string };
    const { token: personal } = await mintBearerToken({ kind: "user", userId: person.user.id });
    const refused = await revokeRoute(jsonRequest(`/api/v1/credentials/${issued.credential_id}/revoke`, {}, { authorization: `Bearer ${personal}` }), {
      params: Promise.resolve({ id: issued.credential_id }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    const [row] = await (await getDb()).select({ revokedAt: credentials.revokedAt }).from(credentials).where(eq(credentials.id, issued.credential_id));
    expect(row!.revokedAt).toBeNull();
  });

  it("answers 404 in the envelope for a status list that does not exist or is not an id", async () => {
    for (const id of [crypto.randomUUID(), "not-an-id", "../../etc/passwd"]) {
      const response = await statusListRoute(new Request(`${BASE}/api/v1/status-lists/${encodeURIComponent(id)}`), { params: Promise.resolve({ id }) });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    }
  });

  it("records when an API key was last used", async () => {
    const { account, apiKey } = await createFundedAccount(0);
    const db = await getDb();
    const lastUsed = async () => (await db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.accountId, account.id)))[0]!.at;
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    expect((await tokensRoute(jsonRequest("/api/v1/tokens", {}, { "x-api-key": apiKey }))).status).toBe(200);
    expect((await lastUsed())!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("mints bearer tokens for a valid API key only", async () => {
    const { apiKey } = await createFundedAccount(0);
    const ok = await tokensRoute(jsonRequest("/api/v1/tokens", {}, { "x-api-key": apiKey }));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { token: string; expires_in: number; token_type: string };
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBeLessThanOrEqual(3600);
    const bad = await tokensRoute(jsonRequest("/api/v1/tokens", {}, { "x-api-key": "sk_test_wrongwrongwrongwrong" }));
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
  });
});
