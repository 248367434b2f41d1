import "server-only";

import { eq, inArray } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";
import { blindIndex } from "@/lib/security/encryption";
import { takeRateLimit } from "@/lib/security/rate-limit";

/**
 * Sign-in links cost an email each, to an address the requester need not own: without a
 * bound anyone can flood a person's inbox, or the links table. At most three unused links
 * per address and per client address in 15 minutes; opening a link clears both counts, so
 * a person who signs in is never held back by the links they used.
 */
export const SIGN_IN_LINKS = { limit: 3, windowMs: 15 * 60 * 1000 };

/** The form Auth.js's email provider gives the address (trimmed, lower case, NFKC). */
export function normaliseEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

function keys(email: string, client: string | null): string[] {
  // The blind index, so the counter table never holds an address in clear.
  const own = [`signin-link:${blindIndex("email", normaliseEmail(email))}`];
  return client ? [...own, `signin-link-client:${client}`] : own;
}

/**
 * Takes one link for `email` from `client` (null when the request carries no client address,
 * as when called outside the server): false when either count is used up. Known and unknown
 * addresses are counted alike, so the answer tells nobody whether an account exists.
 */
export async function takeSignInLink(db: DbOrTx, email: string, client: string | null, now = new Date()): Promise<boolean> {
  let allowed = true;
  for (const key of keys(email, client)) {
    // Every count is taken, even after one refuses: a refused request still counts against its client.
    if (!(await takeRateLimit(db, key, { ...SIGN_IN_LINKS, now })).allowed) allowed = false;
  }
  return allowed;
}

/** A link was opened: its address (and the client that opened it) start afresh. */
export async function clearSignInLinks(db: DbOrTx, email: string, client: string | null): Promise<void> {
  const keyList = keys(email, client);
  await db.delete(rateLimits).where(keyList.length === 1 ? eq(rateLimits.key, keyList[0]!) : inArray(rateLimits.key, keyList));
}
