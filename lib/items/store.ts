import "server-only";

import { and, eq, sql } from "drizzle-orm";

import type { DbOrTx, Tx } from "@/lib/db/client";
import { identityItems, itemHistory } from "@/lib/db/schema";
import { VERIFICATION_VALIDITY_DAYS, type Item, type ItemState } from "@/lib/items/items";
import { openItemValue, sealItemValue } from "@/lib/items/cipher";
import { blindIndex } from "@/lib/security/encryption";

/**
 * Storage of a person's identity items. Values are JSON, encrypted with the
 * owner and the item bound in (item-cipher.ts), so a value moved to another
 * person's or another item's row cannot be read.
 */
export type StoredItem = {
  id: string;
  item: Item;
  state: ItemState;
  value: unknown;
  rejectionReason: string | null;
  noteToUser: string | null;
  submittedAt: Date | null;
  verifiedAt: Date | null;
  expiresAt: Date | null;
  updatedAt: Date;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function verificationExpiry(verifiedAt: Date, documentExpiry?: Date | null): Date {
  const validity = new Date(verifiedAt.getTime() + VERIFICATION_VALIDITY_DAYS * DAY_MS);
  return documentExpiry && documentExpiry < validity ? documentExpiry : validity;
}

export type ItemWrite = {
  userId: string;
  item: Item;
  state: ItemState;
  value?: unknown;
  actorId?: string | null;
  action: string;
  at?: Date;
  /** Document expiry, bounding the verification's validity. */
  documentExpiresAt?: Date | null;
  rejectionReason?: string | null;
  noteToUser?: string | null;
  internalNote?: string | null;
  /** Recorded on the history row only: why an approval was made, and the reviewer's note, sealed. */
  historyReason?: string | null;
  historyNoteEnc?: string | null;
};

function columnsOf(write: ItemWrite, at: Date) {
  const verified = write.state === "verified";
  return {
    state: write.state,
    ...(write.value !== undefined && {
      valueEnc: write.value === null ? null : sealItemValue(write.userId, write.item, write.value),
      valueIndex: write.item === "phone" && typeof write.value === "string" ? blindIndex("phone", write.value) : null,
      submittedAt: at,
    }),
    verifiedAt: verified ? at : null,
    expiresAt: verified ? verificationExpiry(at, write.documentExpiresAt) : (write.documentExpiresAt ?? null),
    decidedBy: verified || write.state === "rejected" ? (write.actorId ?? null) : null,
    rejectionReason: write.rejectionReason ?? null,
    noteToUser: write.noteToUser ?? null,
    internalNote: write.internalNote ?? null,
    proposedBy: null,
    proposedAt: null,
    updatedAt: at,
  };
}

/** Creates or replaces an item's state (and value, when given), with a history row. */
export async function writeItem(tx: Tx, write: ItemWrite): Promise<string> {
  const at = write.at ?? new Date();
  const values = columnsOf(write, at);
  const [row] = await tx
    .insert(identityItems)
    .values({ userId: write.userId, item: write.item, ...values })
    .onConflictDoUpdate({ target: [identityItems.userId, identityItems.item], set: values })
    .returning({ id: identityItems.id });
  await tx.insert(itemHistory).values({
    itemId: row!.id,
    state: write.state,
    action: write.action,
    actorId: write.actorId ?? null,
    reason: write.historyReason ?? write.rejectionReason ?? null,
    noteEnc: write.historyNoteEnc ?? null,
    createdAt: at,
  });
  return row!.id;
}

/**
 * writeItem for many rows in two statements, for jobs such as re-screening everyone. All
 * writes must carry a value and share the same shape (same item kind of change).
 */
export async function writeItems(tx: Tx, writes: ItemWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.map((write) => ({ userId: write.userId, item: write.item, ...columnsOf(write, write.at ?? new Date()) }));
  // Every column written, taken from the proposed row, so one statement serves rows with different values.
  const set = Object.fromEntries(
    Object.keys(columnsOf(writes[0]!, new Date())).map((key) => {
      const column = identityItems[key as keyof typeof identityItems.$inferInsert] as { name: string };
      return [key, sql.raw(`excluded."${column.name}"`)];
    }),
  );
  const ids = await tx
    .insert(identityItems)
    .values(rows)
    .onConflictDoUpdate({ target: [identityItems.userId, identityItems.item], set })
    .returning({ id: identityItems.id, userId: identityItems.userId, item: identityItems.item });
  const idOf = new Map(ids.map((r) => [`${r.userId}:${r.item}`, r.id]));
  await tx.insert(itemHistory).values(
    writes.map((write) => ({
      itemId: idOf.get(`${write.userId}:${write.item}`)!,
      state: write.state,
      action: write.action,
      actorId: write.actorId ?? null,
      reason: write.rejectionReason ?? null,
      createdAt: write.at ?? new Date(),
    })),
  );
}

export function decodeItem(row: typeof identityItems.$inferSelect): StoredItem {
  return {
    id: row.id,
    item: row.item,
    state: row.state,
    value: row.valueEnc ? openItemValue(row.userId, row.item, row.valueEnc) : null,
    rejectionReason: row.rejectionReason,
    noteToUser: row.noteToUser,
    submittedAt: row.submittedAt,
    verifiedAt: row.verifiedAt,
    expiresAt: row.expiresAt,
    updatedAt: row.updatedAt,
  };
}

/** A verification that has run past its expiry reads as `expired`, whatever the row still says. */
export function effectiveState(item: Pick<StoredItem, "state" | "expiresAt">, now = new Date()): ItemState {
  if (item.state === "verified" && item.expiresAt && item.expiresAt <= now) return "expired";
  return item.state;
}

export async function getItems(db: DbOrTx, userId: string): Promise<Map<Item, StoredItem>> {
  const rows = await db.select().from(identityItems).where(eq(identityItems.userId, userId));
  return new Map(rows.map((row) => [row.item, decodeItem(row)]));
}

export async function getItem(db: DbOrTx, userId: string, item: Item): Promise<StoredItem | null> {
  const [row] = await db
    .select()
    .from(identityItems)
    .where(and(eq(identityItems.userId, userId), eq(identityItems.item, item)));
  return row ? decodeItem(row) : null;
}

/** Signing in through the emailed link verifies the address (SPEC §3). */
export async function markEmailVerified(tx: Tx, userId: string, email: string): Promise<void> {
  const current = await getItem(tx, userId, "email");
  if (current && current.value === email && effectiveState(current) === "verified") return;
  await writeItem(tx, { userId, item: "email", state: "verified", value: email, action: "email.link_signin", actorId: userId });
}
