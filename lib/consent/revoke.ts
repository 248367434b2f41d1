import "server-only";

import { and, eq, inArray } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import type { DbOrTx } from "@/lib/db/client";
import { grants } from "@/lib/db/schema";
import { emitConsentUpdated } from "@/lib/events/emit";
import type { Item } from "@/lib/items/items";

import { issueReceipt, receiptParties } from "./receipts";

/**
 * Takes back what a person granted a partner: `items`, or everything when
 * omitted. Only granted items change (a denied one stays denied); the next
 * validate or data request reads them as `restricted`. Returns what changed,
 * and writes a signed receipt and an audit entry only when something did.
 */
export async function revokeGrants(db: DbOrTx, p: { userId: string; partnerOcid: number; items?: readonly Item[] }): Promise<Item[]> {
  if (p.items && p.items.length === 0) return [];
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(grants)
      .set({ decision: "revoked", decidedAt: new Date(), grantedAt: null })
      .where(
        and(
          eq(grants.userId, p.userId),
          eq(grants.partnerOcid, p.partnerOcid),
          eq(grants.decision, "granted"),
          ...(p.items ? [inArray(grants.item, [...p.items])] : []),
        ),
      )
      .returning({ item: grants.item });
    const revoked = rows.map((row) => row.item);
    if (revoked.length === 0) return revoked;
    const parties = await receiptParties(tx, p.userId, p.partnerOcid);
    const receipt = parties ? await issueReceipt(tx, { userId: p.userId, ...parties, granted: [], denied: [], revoked }) : null;
    await recordAudit(tx, {
      actor: { type: "user", id: p.userId },
      action: "consent.revoked",
      subjectUserId: p.userId,
      partnerOcid: p.partnerOcid,
      details: { items: revoked, ...(receipt && { receiptId: receipt.receipt_id }) },
    });
    await emitConsentUpdated(tx, { userId: p.userId, partnerOcid: p.partnerOcid, granted: [], denied: [], revoked });
    return revoked;
  });
}
