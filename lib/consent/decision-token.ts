import "server-only";

import { createHmac } from "node:crypto";

import { getKeys } from "@/lib/keys";
import { secretsEqual } from "@/lib/security/compare";

/**
 * A token rendered into the consent form and checked when the decision
 * arrives: proof the POST comes from a page Attest rendered for this person
 * and this partner, not from a form another site built. It backs up the
 * Origin checks (Next's own, and ours) rather than replacing them.
 */
const LIFETIME_SECONDS = 60 * 60;

function mac(userId: string, partnerOcid: number, expires: number): string {
  const key = createHmac("sha256", getKeys().authSecret).update("attest.consent-decision").digest();
  return createHmac("sha256", key).update(`${userId}|${partnerOcid}|${expires}`).digest("base64url");
}

export function createDecisionToken(userId: string, partnerOcid: number, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + LIFETIME_SECONDS;
  return `${expires}.${mac(userId, partnerOcid, expires)}`;
}

export function isValidDecisionToken(token: string, userId: string, partnerOcid: number, now = Date.now()): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires * 1000 < now) return false;
  return secretsEqual(match[2]!, mac(userId, partnerOcid, expires));
}
