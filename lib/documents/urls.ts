import "server-only";

import { createHmac } from "node:crypto";

import { absoluteUrl, getEnv } from "@/lib/env";
import { getKeys } from "@/lib/keys";
import { secretsEqual } from "@/lib/security/compare";

/**
 * Document images leave Attest only through short-lived signed URLs (SPEC §3):
 * /kyc/documents/{id}?exp=<unix seconds>&sig=<HMAC-SHA256 of id and exp>. The URL is
 * the capability; whoever received it from /kyc/data may fetch the file until exp.
 */
const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXP = /^[0-9]{1,12}$/;
const SIG = /^[A-Za-z0-9_-]{43}$/;
// Instances of one deployment sign and check URLs with their own clocks; a link signed on a
// clock a little ahead must still open on the next instance straight away.
const CLOCK_SKEW_SECONDS = 60;

function documentUrlSignature(id: string, exp: number): string {
  return createHmac("sha256", getKeys().dataKeys.documentUrls).update(`${id}\n${exp}`).digest("base64url");
}

/** A signed absolute URL for one stored document, valid for DOCUMENT_URL_TTL_SECONDS from `now`. */
export function signDocumentUrl(id: string, now: Date = new Date()): string {
  const exp = Math.floor(now.getTime() / 1000) + getEnv().documentUrlTtlSeconds;
  return `${absoluteUrl(`/kyc/documents/${id}`)}?exp=${exp}&sig=${documentUrlSignature(id, exp)}`;
}

/** True only for an untampered, unexpired URL for this id. Never throws on outsider input. */
export function verifyDocumentUrl(p: { id: string; exp: string | null; sig: string | null; now?: Date }): boolean {
  if (!DOCUMENT_ID.test(p.id) || !p.exp || !EXP.test(p.exp) || !p.sig || !SIG.test(p.sig)) return false;
  const exp = Number(p.exp);
  const now = Math.floor((p.now ?? new Date()).getTime() / 1000);
  // Compare first, then check time, so both outcomes take the same path through the HMAC.
  const valid = secretsEqual(documentUrlSignature(p.id, exp), p.sig);
  // Only Attest can sign an exp, but the TTL it signed with may since have been lowered: a URL
  // whose exp lies further ahead than today's TTL allows is refused, so lowering
  // DOCUMENT_URL_TTL_SECONDS also shortens the links already handed out.
  return valid && exp >= now && exp <= now + getEnv().documentUrlTtlSeconds + CLOCK_SKEW_SECONDS;
}
