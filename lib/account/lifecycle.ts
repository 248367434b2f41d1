import "server-only";

import { and, eq, or, sql } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { revokeCredentialsRelyingOn } from "@/lib/item-changes/relying-credentials";
import type { Db } from "@/lib/db/client";
import { emitStatusChanged, emitUserDeleted } from "@/lib/events/emit";
import { credentials, documents, phoneCodes, rateLimits, users, verificationTokens } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { getItem, writeItem } from "@/lib/items/store";
import type { Item } from "@/lib/items/items";
import { screenUser } from "@/lib/screening/screen";

/**
 * Items a person cannot withdraw on their own: the email is how they sign in (deleting
 * the account is the way out), and screening is the provider's duty, not their data.
 */
export const NOT_WITHDRAWABLE: ReadonlySet<Item> = new Set(["email", "aml"]);

/** Takes an item back to `missing`, erasing its value and images. */
export async function withdrawItem(db: Db, userId: string, item: Item): Promise<void> {
  if (NOT_WITHDRAWABLE.has(item)) throw new AppError("FORBIDDEN", "This item cannot be withdrawn on its own");
  await db.transaction(async (tx) => {
    const current = await getItem(tx, userId, item);
    if (!current || current.state === "missing") return;
    await writeItem(tx, { userId, item, state: "missing", value: null, action: "user.withdrew", actorId: userId });
    await tx.delete(documents).where(and(eq(documents.userId, userId), eq(documents.item, item)));
    if (item === "phone") await tx.delete(phoneCodes).where(eq(phoneCodes.userId, userId));
    await revokeCredentialsRelyingOn(tx, userId, item, { type: "user", id: userId });
    await recordAudit(tx, { actor: { type: "user", id: userId }, action: "item.withdrawn", subjectUserId: userId, details: { item, previous_state: current.state } });
    if (item === "name" || item === "date_of_birth") await screenUser(tx, userId);
    await emitStatusChanged(tx, userId);
  });
}

/**
 * Erases the person: the user row goes and with it, by cascade, items, history, documents,
 * codes, hand-off links, screenings, grants, receipts, data accesses, sign-in accounts and sessions. Rows
 * that outlive the person keep only what others need: a credential keeps its id, status
 * entry and revocation (its status list and the issuing account's records refer to it) but
 * not its token, which names the person. Sign-in links and rate-limit counters keyed by the
 * person go. The audit log keeps its entries: they hold ids and item names, never personal
 * data, and the chain must stay whole.
 */
export async function deleteAccount(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ ocid: users.ocid, emailIndex: users.email }).from(users).where(eq(users.id, userId));
    if (!user) return;
    // Every tier relies on the name: revoking by it ends all of the person's credentials first.
    await revokeCredentialsRelyingOn(tx, userId, "name", { type: "user", id: userId });
    await tx.update(credentials).set({ tokenEnc: null, userId: null }).where(eq(credentials.userId, userId));
    if (user.emailIndex) await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.emailIndex));
    // Counters are keyed "<purpose>:<user id or email blind index>".
    const counterKeys = [userId, ...(user.emailIndex ? [user.emailIndex] : [])];
    await tx.delete(rateLimits).where(or(...counterKeys.map((key) => sql`right(${rateLimits.key}, ${key.length + 1}::int) = ${`:${key}`}`)));
    await recordAudit(tx, { actor: { type: "user", id: userId }, action: "account.deleted", subjectUserId: userId, details: { ocid: user.ocid } });
    await emitUserDeleted(tx, userId, user.ocid);
    await tx.delete(users).where(eq(users.id, userId));
  });
}
