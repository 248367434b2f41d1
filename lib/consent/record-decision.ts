import "server-only";

import { and, eq } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import type { DbOrTx } from "@/lib/db/client";
import { grants } from "@/lib/db/schema";
import { emitConsentUpdated } from "@/lib/events/emit";
import type { Item } from "@/lib/items/items";

import { decisionStatus } from "./callback-url";
import { issueReceipt, type SignedReceipt } from "./receipts";

export type ConsentDecision = {
  userId: string;
  userOcid: number;
  partner: { ocid: number; name: string };
  /** Every requested item, in the order requested. */
  requested: readonly Item[];
  /** The subset the person chose to share. */
  shared: readonly Item[];
};

export type RecordedDecision = {
  status: "granted" | "partial" | "denied";
  granted: Item[];
  denied: Item[];
  receipt: SignedReceipt;
};

/**
 * Stores one decision per requested item, its receipt and its audit entry,
 * all or nothing. An item granted again keeps the time it was first granted,
 * so "granted at" means how long the partner has had it.
 */
export async function recordConsentDecision(db: DbOrTx, decision: ConsentDecision): Promise<RecordedDecision> {
  const granted = decision.requested.filter((item) => decision.shared.includes(item));
  const denied = decision.requested.filter((item) => !decision.shared.includes(item));
  const status = decisionStatus(granted, denied);
  const now = new Date();

  const receipt = await db.transaction(async (tx) => {
    const existing = await tx
      .select({ item: grants.item, decision: grants.decision, grantedAt: grants.grantedAt })
      .from(grants)
      .where(and(eq(grants.userId, decision.userId), eq(grants.partnerOcid, decision.partner.ocid)));
    const before = new Map(existing.map((row) => [row.item, row]));
    for (const item of decision.requested) {
      const previous = before.get(item);
      const isGranted = granted.includes(item);
      const grantedAt = isGranted ? (previous?.decision === "granted" && previous.grantedAt ? previous.grantedAt : now) : null;
      const values = { decision: isGranted ? ("granted" as const) : ("denied" as const), decidedAt: now, grantedAt };
      await tx
        .insert(grants)
        .values({ userId: decision.userId, partnerOcid: decision.partner.ocid, item, ...values })
        .onConflictDoUpdate({ target: [grants.userId, grants.partnerOcid, grants.item], set: values });
    }
    const signed = await issueReceipt(tx, { userId: decision.userId, userOcid: decision.userOcid, partner: decision.partner, granted, denied }, now);
    await recordAudit(tx, {
      actor: { type: "user", id: decision.userId },
      action: "consent.decided",
      subjectUserId: decision.userId,
      partnerOcid: decision.partner.ocid,
      details: { status, granted, denied, receiptId: signed.receipt_id },
    });
    await emitConsentUpdated(tx, { userId: decision.userId, partnerOcid: decision.partner.ocid, granted, denied, revoked: [] });
    return signed;
  });
  return { status, granted, denied, receipt };
}
