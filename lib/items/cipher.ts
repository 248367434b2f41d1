import "server-only";

import { and, eq, gt, sql } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { identityItems } from "@/lib/db/schema";
import type { Item } from "@/lib/items/items";
import { decryptJson, encryptJson } from "@/lib/security/encryption";

/**
 * An identity item's value is sealed for its owner and its item: both are in the
 * additional data, so a value copied to another person's row, or to another item of the
 * same person, fails to decrypt instead of reading as theirs. Format 2 marks such values;
 * readers accept nothing else.
 */
const OWNED = 2;

const ownerPurpose = (userId: string, item: Item) => `identity_items.${item}\n${userId}`;
// Format 1 bound only the item: what values written before owners were bound in carry.
const legacyPurpose = (item: Item) => `identity_items.${item}`;

export function sealItemValue(userId: string, item: Item, value: unknown): string {
  return encryptJson(value, ownerPurpose(userId, item), OWNED);
}

export function openItemValue(userId: string, item: Item, sealed: string): unknown {
  return decryptJson(sealed, ownerPurpose(userId, item), OWNED);
}

const BATCH = 500;
// base64 of a first byte of 1 starts with "A" and then one of Q…f (the byte's last two bits
// and four of the IV's): the format-1 values, found without decrypting. Format 2 gives g…v.
const LEGACY = sql`${identityItems.valueEnc} ~ '^A[QRSTUVWXYZabcdef]'`;

/**
 * Re-seals format-1 values for their owner, at start-up, before the first request. It needs
 * the data key, so it cannot be SQL in a migration. Resumable and idempotent: each row is
 * converted on its own (checked again when written, so two instances never convert one row
 * twice), the format byte says which rows are left, and a restart goes on where it stopped.
 * Returns how many rows it converted.
 */
export async function rebindItemValues(db: DbOrTx): Promise<number> {
  let converted = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({ id: identityItems.id, userId: identityItems.userId, item: identityItems.item, valueEnc: identityItems.valueEnc })
      .from(identityItems)
      .where(and(LEGACY, after ? gt(identityItems.id, after) : undefined))
      .orderBy(identityItems.id)
      .limit(BATCH);
    if (rows.length === 0) return converted;
    for (const row of rows) {
      const value = decryptJson(row.valueEnc!, legacyPurpose(row.item), 1);
      const updated = await db
        .update(identityItems)
        .set({ valueEnc: sealItemValue(row.userId, row.item, value) })
        .where(and(eq(identityItems.id, row.id), eq(identityItems.valueEnc, row.valueEnc!)))
        .returning({ id: identityItems.id });
      converted += updated.length;
    }
    after = rows.at(-1)!.id;
  }
}
