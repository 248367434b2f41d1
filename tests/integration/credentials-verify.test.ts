import { generateKeyPairSync } from "node:crypto";

import { eq, sql } from "drizzle-orm";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";

import { GET as didRoute } from "@/app/.well-known/did.json/route";
import { GET as jwksRoute } from "@/app/.well-known/jwks.json/route";
import { POST as verifyRoute } from "@/app/api/v1/verify/route";
import { getAccount, ledgerSum, listLedger, revokeApiKey } from "@/lib/credentials/accounts";
import { issueOwnCredential } from "@/lib/credentials/issue";
import { registerSigningKey } from "@/lib/credentials/signing-keys";
import { getDb } from "@/lib/db/client";
import { credentials, signingKeys, statusLists } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { ed25519Kid, getKeys } from "@/lib/keys";
import { createFundedAccount, createPerson, jsonRequest } from "@/tests/support/credentials";

const verify = (body: unknown, apiKey?: string) => verifyRoute(jsonRequest("/api/v1/verify", body, apiKey ? { "x-api-key": apiKey } : {}));

async function ownCredential() {
  const person = await createPerson();
  return issueOwnCredential(await getDb(), person.user.id);
}

/** Re-signs a credential's claims with `privateKey`, changed by `edit`. */
async function resign(token: string, privateKey: Parameters<SignJWT["sign"]>[0], kid: string, edit: (claims: Record<string, unknown>) => void = () => {}) {
  const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
  edit(claims);
  return new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid }).sign(privateKey);
}

// Start-up records the credential signing key (lib/startup.ts); credentials verified here need it too.
beforeAll(async () => registerSigningKey(await getDb()));

describe("POST /api/v1/verify", () => {
  it("refuses a token signed by a foreign key, whichever key is presented", async () => {
    const { apiKey } = await createFundedAccount(10);
    const issued = await ownCredential();
    const foreign = generateKeyPairSync("ed25519");
    const forged = await resign(issued.token, foreign.privateKey, ed25519Kid(foreign.publicKey));
    const foreignPem = foreign.publicKey.export({ format: "pem", type: "spki" }).toString();

    expect(await (await verify({ token: forged, public_key_pem: foreignPem }, apiKey)).json()).toEqual({ valid: false, error: "Unknown issuer key" });
    expect(await (await verify({ token: forged, public_key_pem: issued.public_key }, apiKey)).json()).toEqual({ valid: false, error: "Signature verification failed" });
    const tampered = issued.token.replace(/\.([^.]+)\./, (_, payload: string) => `.${payload.slice(0, -2)}${payload.endsWith("A") ? "B" : "A"}${payload.slice(-1)}.`);
    expect(((await (await verify({ token: tampered, public_key_pem: issued.public_key }, apiKey)).json()) as { valid: boolean }).valid).toBe(false);
    expect(await (await verify({ token: issued.token, public_key_pem: "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----" }, apiKey)).json()).toMatchObject({ valid: false });
  });

  it("reports an expired credential, one not yet valid, and one from another issuer invalid", async () => {
    const { apiKey } = await createFundedAccount(10);
    const issued = await ownCredential();
    const { privateKey, kid } = getKeys().credential;
    const now = Math.floor(Date.now() / 1000);
    const expired = await resign(issued.token, privateKey, kid, (claims) => {
      claims.nbf = now - 400 * 86400;
      claims.iat = now - 400 * 86400;
      claims.exp = now - 35 * 86400;
    });
    expect(await (await verify({ token: expired, public_key_pem: issued.public_key }, apiKey)).json()).toEqual({ valid: false, error: "Credential expired" });
    const early = await resign(issued.token, privateKey, kid, (claims) => {
      claims.nbf = now + 3600;
    });
    expect(await (await verify({ token: early, public_key_pem: issued.public_key }, apiKey)).json()).toEqual({ valid: false, error: "Credential not yet valid" });
    const otherIssuer = await resign(issued.token, privateKey, kid, (claims) => {
      claims.iss = "did:web:elsewhere.example";
    });
    expect(await (await verify({ token: otherIssuer, public_key_pem: issued.public_key }, apiKey)).json()).toEqual({ valid: false, error: "Unknown issuer" });
    const hs256 = await new SignJWT({ jti: "x" }).setProtectedHeader({ alg: "HS256" }).sign(new Uint8Array(32));
    expect(await (await verify({ token: hs256, public_key_pem: issued.public_key }, apiKey)).json()).toEqual({ valid: false, error: "Unsupported algorithm" });
  });

  it("keeps tokens signed with a retired key verifiable, and publishes it in did.json and jwks.json", async () => {
    const { apiKey } = await createFundedAccount(10);
    const issued = await ownCredential();
    const old = generateKeyPairSync("ed25519");
    const oldKid = ed25519Kid(old.publicKey);
    const oldPem = old.publicKey.export({ format: "pem", type: "spki" }).toString();
    await (await getDb()).insert(signingKeys).values({ kid: oldKid, publicKeyPem: oldPem, retiredAt: new Date() });
    const signedBefore = await resign(issued.token, old.privateKey, oldKid);
    expect(((await (await verify({ token: signedBefore, public_key_pem: oldPem }, apiKey)).json()) as { valid: boolean }).valid).toBe(true);

    const did = (await (await didRoute()).json()) as { id: string; verificationMethod: { id: string; type: string; publicKeyJwk: { kid: string } }[]; assertionMethod: string[] };
    expect(did.id).toBe(getEnv().credentialIssuer);
    // Keys are named by absolute DID URLs: verification method id = JWK kid = the tokens' JWS kid.
    const didUrl = (thumbprint: string) => `${did.id}#${thumbprint}`;
    const kids = did.verificationMethod.map((method) => method.publicKeyJwk.kid);
    expect(kids).toEqual(expect.arrayContaining([didUrl(getKeys().credential.kid), didUrl(oldKid)]));
    expect(did.verificationMethod.every((method) => method.type === "JsonWebKey2020" && method.id === method.publicKeyJwk.kid)).toBe(true);
    const jwks = (await (await jwksRoute()).json()) as { keys: { kid: string; kty: string; crv: string }[] };
    expect(jwks.keys.find((key) => key.kid === didUrl(getKeys().credential.kid))).toMatchObject({ kty: "OKP", crv: "Ed25519" });
    expect(jwks.keys.map((key) => key.kid)).toContain(didUrl(oldKid));
  });

  it("finds a key registered after a verify found it unknown, and verifies again and again with one key", async () => {
    const { apiKey } = await createFundedAccount(10);
    const issued = await ownCredential();
    const later = generateKeyPairSync("ed25519");
    const laterKid = ed25519Kid(later.publicKey);
    const laterPem = later.publicKey.export({ format: "pem", type: "spki" }).toString();
    const token = await resign(issued.token, later.privateKey, laterKid);
    expect(await (await verify({ token, public_key_pem: laterPem }, apiKey)).json()).toEqual({ valid: false, error: "Unknown issuer key" });
    // As another instance's start-up with a new CREDENTIAL_SIGNING_KEY would record it.
    await (await getDb()).insert(signingKeys).values({ kid: laterKid, publicKeyPem: laterPem });
    for (let round = 0; round < 2; round++) {
      expect(((await (await verify({ token, public_key_pem: laterPem }, apiKey)).json()) as { valid: boolean }).valid).toBe(true);
      expect(((await (await verify({ token: issued.token, public_key_pem: issued.public_key }, apiKey)).json()) as { valid: boolean }).valid).toBe(true);
      // The parsed key is the presented PEM's own: another key's token still fails with it.
      expect(await (await verify({ token: issued.token, public_key_pem: laterPem }, apiKey)).json()).toEqual({ valid: false, error: "Signature verification failed" });
    }
  });

  describe("each 4xx of verify comes in the error envelope", () => {
    const cases: { name: string; setup: () => Promise<{ body: unknown; apiKey?: string }>; status: number; code: string }[] = [
      { name: "no API key", setup: async () => ({ body: { token: "a", public_key_pem: "b" } }), status: 401, code: "UNAUTHORIZED" },
      { name: "an unknown API key", setup: async () => ({ body: { token: "a", public_key_pem: "b" }, apiKey: "sk_live_unknownunknownunknown" }), status: 401, code: "UNAUTHORIZED" },
      {
        name: "a revoked API key",
        setup: async () => {
          const { apiKey, apiKeyId } = await createFundedAccount(10);
          expect(await revokeApiKey(await getDb(), apiKeyId, { type: "system" })).toBe(true);
          return { body: { token: "a", public_key_pem: "b" }, apiKey };
        },
        status: 401,
        code: "UNAUTHORIZED",
      },
      { name: "a body without public_key_pem", setup: async () => ({ body: { token: "a" }, apiKey: (await createFundedAccount(10)).apiKey }), status: 400, code: "INVALID_REQUEST" },
      { name: "a body that is not JSON", setup: async () => ({ body: "{nope", apiKey: (await createFundedAccount(10)).apiKey }), status: 400, code: "INVALID_REQUEST" },
      { name: "no credits", setup: async () => ({ body: { token: "a", public_key_pem: "b" }, apiKey: (await createFundedAccount(0)).apiKey }), status: 402, code: "INSUFFICIENT_CREDITS" },
    ];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const { body, apiKey } = await testCase.setup();
        const response = await verify(body, apiKey);
        expect(response.status).toBe(testCase.status);
        const json = (await response.json()) as { error: { code: string; message: string } };
        expect(json.error.code).toBe(testCase.code);
        expect(json.error.message.length).toBeGreaterThan(0);
      });
    }
  });

  it("reads the revocation from the published bit itself: its own bit revokes, a neighbour's does not", async () => {
    const { apiKey } = await createFundedAccount(10);
    const db = await getDb();
    const check = async (issued: { token: string; public_key: string }) =>
      (await (await verify({ token: issued.token, public_key_pem: issued.public_key }, apiKey)).json()) as { valid: boolean; error?: string };
    const entryOf = async (credentialId: string) =>
      (await db.select({ listId: credentials.statusListId, index: credentials.statusIndex }).from(credentials).where(eq(credentials.id, credentialId)))[0]!;
    // Only the list changes: the credential row keeps revokedAt empty, as a list restored from elsewhere would.
    const setBit = (listId: string, index: number) =>
      db.execute(sql`update ${statusLists} set bits = set_byte(bits, ${index >> 3}, get_byte(bits, ${index >> 3}) | ${0x80 >> (index & 7)}) where id = ${listId}`);
    // Neighbours in the same byte (index ^ 1) and in the next byte pair (index ^ 8), always inside the list.
    for (const neighbour of [(index: number) => index ^ 1, (index: number) => index ^ 8]) {
      const issued = await ownCredential();
      const entry = await entryOf(issued.credential_id);
      await setBit(entry.listId, neighbour(entry.index));
      expect(await check(issued)).toEqual({ valid: true, payload: expect.any(Object) });
      await setBit(entry.listId, entry.index);
      expect(await check(issued)).toEqual({ valid: false, error: "Credential revoked" });
    }
  });

  it("lets exactly 20 of 50 concurrent verifies through on 20 credits, leaving the ledger consistent", async () => {
    const { account, apiKey } = await createFundedAccount(20);
    const issued = await ownCredential();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => verify({ token: issued.token, public_key_pem: issued.public_key }, apiKey)),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.filter((status) => status === 402)).toHaveLength(30);
    const db = await getDb();
    expect((await getAccount(db, account.id))!.balance).toBe(0);
    expect(await ledgerSum(db, account.id)).toBe(0);
    const ledger = await listLedger(db, account.id);
    expect(ledger).toHaveLength(21);
    expect(ledger[0]!.balanceAfter).toBe(0);
    expect(ledger.filter((row) => row.delta === -1)).toHaveLength(20);
  });
});
