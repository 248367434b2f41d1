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
 * Keys are named by absolute DID URLs (`did:web:host#thumbprint`): the JWS header's `kid`,
 * the verification method's `id` and the JWK's `kid` are one string, so a verifier finds the
 * key from the token by either route (DID resolution or the JWKS).
 */

/** The DID URL of a credential key, from its RFC 7638 thumbprint (lib/keys.ts). */
export function credentialKeyId(thumbprint: string, issuer = getEnv().credentialIssuer): string {
  return `${issuer}#${thumbprint}`;
}

export async function issuerJwks(db: DbOrTx): Promise<{ keys: PublicJwk[]; current: string | null }> {
  const rows = await db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt));
  const keys = rows.map((row) => {
    const { kty, crv, x } = createPublicKey(row.publicKeyPem).export({ format: "jwk" });
    return { kty: kty!, crv: crv!, x: x!, kid: credentialKeyId(row.kid), alg: "EdDSA" as const, use: "sig" as const };
  });
  const current = rows.find((row) => row.retiredAt === null);
  return { keys, current: current ? credentialKeyId(current.kid) : null };
}

export async function didDocument(db: DbOrTx): Promise<DidDocument> {
  const issuer = getEnv().credentialIssuer;
  const { keys } = await issuerJwks(db);
  const methods = keys.map((jwk) => ({ id: jwk.kid, type: "JsonWebKey2020" as const, controller: issuer, publicKeyJwk: jwk }));
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
    id: issuer,
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  };
}
