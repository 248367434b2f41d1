import "server-only";

import { createPublicKey, type KeyObject } from "node:crypto";

import { eq, sql } from "drizzle-orm";
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";

import type { VerifyRequest } from "@/lib/credentials/api-schemas";
import { credentialKeyId } from "@/lib/credentials/did";
import { statusBitInByte } from "@/lib/credentials/revocation";
import type { Db } from "@/lib/db/client";
import { credentials, identityItems, signingKeys, statusLists } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { ed25519Kid } from "@/lib/keys";
import { expireItems } from "@/lib/item-changes/expiry";
import { processCache } from "@/lib/state/bounded-cache";

/** `POST /api/v1/verify` (SPEC §6): only tokens Attest signed, with a key it holds on record. */
export const VERIFY_COST = 1;

export type VerifyResult = { valid: true; payload: JWTPayload } | { valid: false; error: string };

const invalid = (error: string): VerifyResult => ({ valid: false, error });

const UUID_URN = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

// Verifiers send the same few issuer keys with every token: each PEM is parsed once, and the
// same KeyObject handed to jose lets it reuse its own import of it. Public data, bounded.
const parsedKeys = processCache<string, { key: KeyObject; kid: string }>("verify-public-keys", 256);
// Signing keys stay on record for good (lib/credentials/signing-keys.ts retires, never deletes),
// so a kid found once is known for the life of the process. Only hits are remembered: a key
// another instance registers later is looked up until it is found.
const knownKids = processCache<string, true>("signing-key-kids", 256);

function parsePublicKey(pem: string): { key: KeyObject; kid: string } | null {
  const cached = parsedKeys.get(pem);
  if (cached) return cached;
  try {
    const key = createPublicKey({ key: pem, format: "pem" });
    if (key.asymmetricKeyType !== "ed25519") return null;
    const parsed = { key, kid: ed25519Kid(key) };
    parsedKeys.set(pem, parsed);
    return parsed;
  } catch {
    return null;
  }
}

async function isKnownSigningKey(db: Db, kid: string): Promise<boolean> {
  if (knownKids.get(kid)) return true;
  const [known] = await db.select({ kid: signingKeys.kid }).from(signingKeys).where(eq(signingKeys.kid, kid));
  if (known) knownKids.set(kid, true);
  return known !== undefined;
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "Credential expired";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "Signature verification failed";
  if (error instanceof errors.JOSEAlgNotAllowed) return "Unsupported algorithm";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "Unknown issuer";
    if (error.claim === "nbf") return "Credential not yet valid";
    return `Invalid claim: ${error.claim}`;
  }
  return "Malformed token";
}

export async function verifyCredential(db: Db, request: VerifyRequest): Promise<VerifyResult> {
  const parsed = parsePublicKey(request.public_key_pem);
  if (!parsed) return invalid("Invalid public key: expected an Ed25519 public key in PEM");
  const { key, kid } = parsed;
  if (!(await isKnownSigningKey(db, kid))) return invalid("Unknown issuer key");

  let header;
  try {
    header = decodeProtectedHeader(request.token);
  } catch {
    return invalid("Malformed token");
  }
  if (header.alg !== "EdDSA") return invalid("Unsupported algorithm");
  // The DID URL Attest writes now, or the bare thumbprint of tokens signed before it did.
  if (header.kid !== undefined && header.kid !== credentialKeyId(kid) && header.kid !== kid) return invalid("Signature verification failed");

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(request.token, key, {
      algorithms: ["EdDSA"],
      issuer: getEnv().credentialIssuer,
      requiredClaims: ["jti", "nbf", "exp"],
    }));
  } catch (error) {
    return invalid(reasonFor(error));
  }

  const id = UUID_URN.exec(payload.jti ?? "")?.[1];
  if (!id) return invalid("Malformed token");
  const now = new Date();
  const [record] = await db
    .select({
      userId: credentials.userId,
      statusIndex: credentials.statusIndex,
      revokedAt: credentials.revokedAt,
      // The one byte holding this credential's bit, not the 16 KiB list.
      statusByte: sql<number | null>`get_byte(${statusLists.bits}, ${credentials.statusIndex} / 8)`,
      // An item the credential relied on whose verification has run out, but that the expiry
      // sweep has not reached yet: the credential is no better than a revoked one.
      lapsed: sql<boolean>`exists (select 1 from ${identityItems} i
        where i.user_id = ${credentials.userId} and i.state = 'verified' and i.expires_at <= ${now.toISOString()}::timestamptz
          and ${credentials.items} @> jsonb_build_array(i.item::text))`,
    })
    .from(credentials)
    .leftJoin(statusLists, eq(statusLists.id, credentials.statusListId))
    .where(eq(credentials.id, id));
  if (!record) return invalid("Unknown credential");
  // The published bit is the truth a third party would see; the row's revokedAt is written with it.
  if (record.revokedAt || record.statusByte === null || statusBitInByte(Number(record.statusByte), record.statusIndex)) return invalid("Credential revoked");
  if (record.lapsed && record.userId) {
    // Revoked now, as the sweep would, so the status list agrees with this answer.
    await expireItems(db, now, { userId: record.userId });
    return invalid("Credential revoked");
  }
  return { valid: true, payload };
}
