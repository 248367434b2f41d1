import "server-only";

import { and, eq, inArray } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import type { DbOrTx } from "@/lib/db/client";
import { grants } from "@/lib/db/schema";
import { emitConsentUpdated } from "@/lib/events/emit";
import type { Item } from "@/lib/items/items";

import { issueReceipt, receiptParties } from "./receipts";

/**
 * Shares again an item the person denied or revoked for a partner that asked for it
 * before: only an existing decision changes, so no partner gains an item it never
 * requested. Returns whether something changed; a signed receipt and an audit entry
 * come with it, in one transaction.
 */
export async function regrantItem(db: DbOrTx, p: { userId: string; partnerOcid: number; item: Item }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const rows = await tx
      .update(grants)
      .set({ decision: "granted", decidedAt: now, grantedAt: now })
      .where(and(eq(grants.userId, p.userId), eq(grants.partnerOcid, p.partnerOcid), eq(grants.item, p.item), inArray(grants.decision, ["denied", "revoked"])))
      .returning({ item: grants.item });
    if (rows.length === 0) return false;
    const parties = await receiptParties(tx, p.userId, p.partnerOcid);
    const receipt = parties ? await issueReceipt(tx, { userId: p.userId, ...parties, granted: [p.item], denied: [] }, now) : null;
    await recordAudit(tx, {
      actor: { type: "user", id: p.userId },
      action: "consent.regranted",
      subjectUserId: p.userId,
      partnerOcid: p.partnerOcid,
      details: { items: [p.item], ...(receipt && { receiptId: receipt.receipt_id }) },
    });
    await emitConsentUpdated(tx, { userId: p.userId, partnerOcid: p.partnerOcid, granted: [p.item], denied: [], revoked: [] });
    return true;
  });
}
