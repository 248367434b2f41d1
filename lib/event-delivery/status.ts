import "server-only";

import { and, desc, eq, isNotNull, ne } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { outbox, partners, users } from "@/lib/db/schema";
import { isItem, ITEMS, type Item } from "@/lib/items/items";
import { kycCompletion, loadPartnerFacts, viewItems } from "@/lib/partner-api/view";
import { canonicalJson } from "@/lib/security/canonical-json";

/**
 * The body of a `kyc.status_changed`, read when it is first sent: the items the person granted
 * (or granted and revoked) the partner, with their statuses and kyc_complete exactly as
 * /kyc/validate answers now, by the same code. Null when there is nothing to send: the person
 * is gone (user.deleted says so), or the statuses are those last sent to this endpoint.
 */
export async function statusPayload(db: Db, row: { id: string; endpointId: string; subject: string }, partnerOcid: number): Promise<Record<string, unknown> | null> {
  const ocid = Number(row.subject);
  const [person] = await db.select({ id: users.id }).from(users).where(eq(users.ocid, ocid));
  const [partner] = await db.select({ allowedGrants: partners.allowedGrants }).from(partners).where(eq(partners.ocid, partnerOcid));
  if (!person || !partner) return null;
  const { facts, decisions } = await loadPartnerFacts(db, ocid, partnerOcid);
  const view = viewItems(facts, decisions, { ocid: partnerOcid, allowedGrants: partner.allowedGrants ? partner.allowedGrants.filter(isItem) : [...ITEMS] });
  const statuses: Partial<Record<Item, string>> = {};
  for (const item of ITEMS) {
    const decision = decisions.get(item);
    if (decision === "granted" || decision === "revoked") statuses[item] = view[item].status;
  }
  const data = { user_ocid: ocid, grants: statuses, kyc_complete: kycCompletion(view).kyc_complete };
  const [last] = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.endpointId, row.endpointId), eq(outbox.type, "kyc.status_changed"), eq(outbox.subject, row.subject), isNotNull(outbox.payload), ne(outbox.id, row.id)))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  // jsonb keeps its own key order: compare canonical forms.
  return last && canonicalJson(last.payload) === canonicalJson(data) ? null : data;
}

