import "server-only";

import type { DbOrTx } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { effectiveState, getItems } from "@/lib/items/store";
import { ITEM_INFO, type Item, type ItemState } from "@/lib/items/items";
import { previewItem } from "@/lib/items/mask";

import { grantedItems } from "./connected-partners";

export type ConsentRowData = { item: Item; label: string; shares: string; preview: string; state: ItemState; initiallyOn: boolean; purpose: string | null };

/**
 * One row per requested item, with only a masked preview leaving the server.
 * Toggles start off, except for what this person already grants this partner. Previews are in `locale`.
 */
export async function loadConsentRows(
  db: DbOrTx,
  userId: string,
  partner: { ocid: number; itemPurposes: Partial<Record<Item, string>> },
  items: readonly Item[],
  locale: Locale,
): Promise<ConsentRowData[]> {
  const [stored, granted] = await Promise.all([getItems(db, userId), grantedItems(db, userId, partner.ocid)]);
  return items.map((item) => {
    const current = stored.get(item);
    return {
      item,
      label: ITEM_INFO[item].label,
      shares: ITEM_INFO[item].shares,
      preview: previewItem(item, current?.value ?? null, locale),
      state: current ? effectiveState(current) : "missing",
      initiallyOn: granted.has(item),
      purpose: partner.itemPurposes[item] ?? null,
    };
  });
}
