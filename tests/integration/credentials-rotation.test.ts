import { generateKeyPairSync } from "node:crypto";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { GET as didRoute } from "@/app/.well-known/did.json/route";
import { POST as verifyRoute } from "@/app/api/v1/verify/route";
import { issueOwnCredential } from "@/lib/credentials/issue";
import { registerSigningKey } from "@/lib/credentials/signing-keys";
import { getDb } from "@/lib/db/client";
import { credentials, signingKeys } from "@/lib/db/schema";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { getKeys, resetKeysForTests } from "@/lib/keys";
import { createFundedAccount, createPerson, jsonRequest } from "@/tests/support/credentials";

afterAll(() => {
  delete process.env.CREDENTIAL_SIGNING_KEY;
  resetEnvForTests();
  resetKeysForTests();
});

// Start-up records the credential signing key (lib/startup.ts); credentials verified here need it too.
beforeAll(async () => registerSigningKey(await getDb()));

describe("credential key rotation", () => {
  it("makes a new CREDENTIAL_SIGNING_KEY current while tokens signed with the old one still verify", async () => {
    const db = await getDb();
    const { apiKey } = await createFundedAccount(10);
    const person = await createPerson();
    const before = await issueOwnCredential(db, person.user.id);
    const oldKid = getKeys().credential.kid;

    process.env.CREDENTIAL_SIGNING_KEY = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    resetEnvForTests();
    resetKeysForTests();
    await registerSigningKey(db);
    const newKid = getKeys().credential.kid;
    expect(newKid).not.toBe(oldKid);

    const [oldRow] = await db.select().from(signingKeys).where(eq(signingKeys.kid, oldKid));
    const [newRow] = await db.select().from(signingKeys).where(eq(signingKeys.kid, newKid));
    expect(oldRow!.retiredAt).not.toBeNull();
    expect(newRow!.retiredAt).toBeNull();

    const after = await issueOwnCredential(db, person.user.id);
    expect(JSON.parse(Buffer.from(after.token.split(".")[0]!, "base64url").toString()).kid).toBe(`${getEnv().credentialIssuer}#${newKid}`);
    expect(after.public_key).not.toBe(before.public_key);

    for (const issued of [before, after]) {
      const response = await verifyRoute(jsonRequest("/api/v1/verify", { token: issued.token, public_key_pem: issued.public_key }, { "x-api-key": apiKey }));
      expect(((await response.json()) as { valid: boolean }).valid).toBe(true);
    }
    const did = (await (await didRoute()).json()) as { verificationMethod: { publicKeyJwk: { kid: string } }[] };
    expect(did.verificationMethod.map((method) => method.publicKeyJwk.kid)).toEqual(expect.arrayContaining([oldKid, newKid].map((kid) => `${getEnv().credentialIssuer}#${kid}`)));
  });

  it("draws status list indexes at random and never hands one out twice", async () => {
    const db = await getDb();
    const person = await createPerson();
    for (let i = 0; i < 12; i += 1) await issueOwnCredential(db, person.user.id);
    const rows = await db.select({ list: credentials.statusListId, index: credentials.statusIndex }).from(credentials).where(eq(credentials.userId, person.user.id));
    const entries = rows.map((row) => `${row.list}:${row.index}`);
    expect(new Set(entries).size).toBe(12);
    const indexes = rows.map((row) => row.index).sort((a, b) => a - b);
    // Sequential allocation would tell a verifier how many credentials were issued between two others.
    expect(indexes.at(-1)! - indexes[0]!).toBeGreaterThan(12);
  });
});
