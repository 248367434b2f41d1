import "server-only";

import { createPublicKey } from "node:crypto";

import { asc } from "drizzle-orm";

import type { DidDocument, PublicJwk } from "@/lib/credentials/api-schemas";
import type { DbOrTx } from "@/lib/db/client";
import { signingKeys } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";

/**
 * The issuer's did:web document and JWKS: every credential key on record,
 * current and retired, so credentials signed before a rotation still resolve.
 * The JWK `kid` is the one in the tokens' JWS header.
 */

export async function issuerJwks(db: DbOrTx): Promise<{ keys: PublicJwk[]; current: string | null }> {
  const rows = await db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt));
  const keys = rows.map((row) => {
    const { kty, crv, x } = createPublicKey(row.publicKeyPem).export({ format: "jwk" });
    return { kty: kty!, crv: crv!, x: x!, kid: row.kid, alg: "EdDSA" as const, use: "sig" as const };
  });
  return { keys, current: rows.find((row) => row.retiredAt === null)?.kid ?? null };
}

export async function didDocument(db: DbOrTx): Promise<DidDocument> {
  const issuer = getEnv().credentialIssuer;
  const { keys } = await issuerJwks(db);
  const methods = keys.map((jwk) => ({ id: `${issuer}#${jwk.kid}`, type: "JsonWebKey2020" as const, controller: issuer, publicKeyJwk: jwk }));
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
    id: issuer,
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  };
}
