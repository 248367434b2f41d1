import "server-only";

import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { isItem, type Item, type ItemState } from "@/lib/items/items";
import { effectiveState, getItem, type StoredItem } from "@/lib/items/store";

/** What a page waiting for a change elsewhere (a phone) compares: the state, and when the item last changed. */
export type ItemStatus = { item: Item; state: ItemState; updatedAt: string | null };

export function itemStatusOf(item: Item, stored: StoredItem | null): ItemStatus {
  return { item, state: stored ? effectiveState(stored) : "missing", updatedAt: stored?.updatedAt.toISOString() ?? null };
}

/** The person's own item's state; an unknown item name is NOT_FOUND. */
export async function ownItemStatus(db: DbOrTx, userId: string, name: string): Promise<ItemStatus> {
  if (!isItem(name)) throw new AppError("NOT_FOUND", "No such item.");
  return itemStatusOf(name, await getItem(db, userId, name));
}
