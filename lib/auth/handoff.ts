import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { and, eq, gt, isNotNull, isNull, lt, or } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { sessionTokenHash } from "@/lib/auth/adapter";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-cookie";
import type { Db } from "@/lib/db/client";
import { handoffTokens, sessions, users } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/http/rate-limiter";
import { message } from "@/lib/i18n/field-messages";
import { inEnglish, personError } from "@/lib/i18n/person-errors";
import type { DocumentItem } from "@/lib/items/items";

/**
 * "Continue on your phone": a signed-in person asks for a link (shown as a QR code) that signs
 * another device in as them, on one item's page, so a document can be photographed there. The
 * link works once, for ten minutes; the database keeps only its token's SHA-256, so a lookup
 * by hash is the comparison and reading the table gives no working link.
 */
export const HANDOFF_LIFETIME_MS = 10 * 60 * 1000;
const HANDOFFS_PER_MINUTE = 5;

/** One refusal for a link that is unknown, used or expired: the holder learns nothing about which. */
const REFUSED = message("handoff.refused");
/** The refusal in English, as the log and an English-speaking person read it. */
export const HANDOFF_REFUSED = inEnglish(REFUSED);

const hashOf = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export type Handoff = { token: string; item: DocumentItem; expiresAt: Date };

/** A new link for `item`. The person's used and expired links go, so the table holds only live ones. */
export async function createHandoff(db: Db, user: { id: string; role: string | null }, item: DocumentItem, now = new Date()): Promise<Handoff> {
  // A staff session is the console's: it is never handed to a phone.
  if (user.role) throw new AppError("FORBIDDEN", "Staff accounts cannot continue on another device.");
  await enforceRateLimit(`handoff:${user.id}`, HANDOFFS_PER_MINUTE);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + HANDOFF_LIFETIME_MS);
  await db.transaction(async (tx) => {
    await tx.delete(handoffTokens).where(and(eq(handoffTokens.userId, user.id), or(isNotNull(handoffTokens.usedAt), lt(handoffTokens.expiresAt, now))));
    await tx.insert(handoffTokens).values({ tokenHash: hashOf(token), userId: user.id, item, expiresAt, createdAt: now });
    await recordAudit(tx, { actor: { type: "user", id: user.id }, action: "user.handoff_created", subjectUserId: user.id, details: { item } });
  });
  return { token, item, expiresAt };
}

/** The item a link is for while it still works; nothing changes. */
export async function findHandoff(db: Db, token: string, now = new Date()): Promise<{ item: DocumentItem } | null> {
  const [row] = await db
    .select({ item: handoffTokens.item })
    .from(handoffTokens)
    .where(and(eq(handoffTokens.tokenHash, hashOf(token)), isNull(handoffTokens.usedAt), gt(handoffTokens.expiresAt, now)));
  return row ? { item: row.item as DocumentItem } : null;
}

export type HandedOff = { item: DocumentItem; sessionToken: string; expires: Date };

/**
 * Uses a link: marks it used and opens a session for its person, as Auth.js would (a random
 * token for the cookie, its hash in `sessions`, the usual lifetime), in one transaction. A
 * session this device already had (`replacing`, its cookie's token) ends, whoever it was for.
 * Refused with HANDOFF_REFUSED, changing nothing, when the link is unknown, used or expired.
 */
export async function redeemHandoff(db: Db, token: string, replacing: string | null, now = new Date()): Promise<HandedOff> {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(handoffTokens)
      .set({ usedAt: now })
      .where(and(eq(handoffTokens.tokenHash, hashOf(token)), isNull(handoffTokens.usedAt), gt(handoffTokens.expiresAt, now)))
      .returning({ userId: handoffTokens.userId, item: handoffTokens.item });
    if (!used) throw personError("NOT_FOUND", REFUSED);
    const [person] = await tx.select({ role: users.role }).from(users).where(eq(users.id, used.userId));
    if (!person || person.role) throw personError("NOT_FOUND", REFUSED);
    if (replacing) await tx.delete(sessions).where(eq(sessions.sessionToken, sessionTokenHash(replacing)));
    const sessionToken = randomBytes(32).toString("hex");
    const expires = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
    await tx.insert(sessions).values({ sessionToken: sessionTokenHash(sessionToken), userId: used.userId, expires });
    await recordAudit(tx, { actor: { type: "user", id: used.userId }, action: "user.handoff_used", subjectUserId: used.userId, details: { item: used.item } });
    return { item: used.item as DocumentItem, sessionToken, expires };
  });
}
