import "server-only";

import { and, desc, eq, inArray, sql } from "drizzle-orm";

import type { Tx } from "@/lib/db/client";
import { grants, notificationPreferences, outbox, partners, users, webhookEndpoints } from "@/lib/db/schema";
import { isItem, ITEMS, type Item } from "@/lib/items/items";
import { kycCompletion, loadPartnerFacts, viewItems } from "@/lib/partner-api/view";
import { canonicalJson } from "@/lib/security/canonical-json";
import { encryptJson } from "@/lib/security/encryption";

import { NOTIFICATIONS, type AccountEvent, type Notification, type PartnerEvent } from "./types";

/**
 * Writers of the outbox. Each is called inside the transaction that makes the change, so an
 * event exists exactly when its change does; the delivery workers (deliver.ts) send it later.
 */
export const EMAIL_PAYLOAD_PURPOSE = "outbox.payload";

const subscribed = (type: string) => sql`${webhookEndpoints.eventTypes} @> ${JSON.stringify([type])}::jsonb`;

/** Enabled endpoints of these partners that take `type`. */
async function partnerEndpoints(tx: Tx, partnerOcids: number[], type: PartnerEvent) {
  if (partnerOcids.length === 0) return [];
  return tx
    .select({ id: webhookEndpoints.id, partnerOcid: webhookEndpoints.partnerOcid })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.partnerOcid, partnerOcids), eq(webhookEndpoints.enabled, true), subscribed(type)));
}

/** Partners the person ever granted something (a revoked grant still tells the partner it ended). */
async function partnersOf(tx: Tx, userId: string): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ ocid: grants.partnerOcid })
    .from(grants)
    .where(and(eq(grants.userId, userId), inArray(grants.decision, ["granted", "revoked"])));
  return rows.map((row) => row.ocid);
}

async function userOcid(tx: Tx, userId: string): Promise<number | null> {
  const [row] = await tx.select({ ocid: users.ocid }).from(users).where(eq(users.id, userId));
  return row?.ocid ?? null;
}

/**
 * `kyc.status_changed` to every partner endpoint of someone the person granted anything: the
 * granted items' statuses exactly as /kyc/validate answers them now (same rules, same code),
 * and only when they differ from the last ones sent to that endpoint.
 */
export async function emitStatusChanged(tx: Tx, userId: string): Promise<void> {
  const endpoints = await partnerEndpoints(tx, await partnersOf(tx, userId), "kyc.status_changed");
  if (endpoints.length === 0) return;
  const ocid = await userOcid(tx, userId);
  if (ocid === null) return;
  const viewers = await tx
    .select({ ocid: partners.ocid, allowedGrants: partners.allowedGrants })
    .from(partners)
    .where(inArray(partners.ocid, [...new Set(endpoints.map((endpoint) => endpoint.partnerOcid!))]));
  const now = new Date();
  for (const viewer of viewers) {
    const { facts, decisions } = await loadPartnerFacts(tx, ocid, viewer.ocid);
    const view = viewItems(facts, decisions, { ocid: viewer.ocid, allowedGrants: viewer.allowedGrants ? viewer.allowedGrants.filter(isItem) : [...ITEMS] }, now);
    const statuses: Partial<Record<Item, string>> = {};
    for (const item of ITEMS) {
      const decision = decisions.get(item);
      if (decision === "granted" || decision === "revoked") statuses[item] = view[item].status;
    }
    const data = { user_ocid: ocid, grants: statuses, kyc_complete: kycCompletion(view).kyc_complete };
    for (const endpoint of endpoints.filter((one) => one.partnerOcid === viewer.ocid)) {
      const [last] = await tx
        .select({ payload: outbox.payload })
        .from(outbox)
        .where(and(eq(outbox.endpointId, endpoint.id), eq(outbox.type, "kyc.status_changed"), eq(outbox.subject, String(ocid))))
        .orderBy(desc(outbox.createdAt))
        .limit(1);
      // jsonb keeps its own key order: compare canonical forms.
      if (last && canonicalJson(last.payload) === canonicalJson(data)) continue;
      await tx.insert(outbox).values({ channel: "webhook", endpointId: endpoint.id, type: "kyc.status_changed", subject: String(ocid), payload: data, occurredAt: now });
    }
  }
}

/** A consent decision or revocation: `consent.updated` to that partner, then any status change it causes. */
export async function emitConsentUpdated(
  tx: Tx,
  p: { userId: string; partnerOcid: number; granted: readonly Item[]; denied: readonly Item[]; revoked: readonly Item[] },
): Promise<void> {
  const endpoints = await partnerEndpoints(tx, [p.partnerOcid], "consent.updated");
  const ocid = endpoints.length > 0 ? await userOcid(tx, p.userId) : null;
  if (ocid !== null) {
    const data = { user_ocid: ocid, granted: [...p.granted], denied: [...p.denied], revoked: [...p.revoked] };
    await tx.insert(outbox).values(endpoints.map((endpoint) => ({ channel: "webhook" as const, endpointId: endpoint.id, type: "consent.updated", subject: String(ocid), payload: data })));
  }
  await emitStatusChanged(tx, p.userId);
}

/** Before the person's row goes: `user.deleted` to every partner they granted anything. */
export async function emitUserDeleted(tx: Tx, userId: string, ocid: number): Promise<void> {
  const endpoints = await partnerEndpoints(tx, await partnersOf(tx, userId), "user.deleted");
  if (endpoints.length === 0) return;
  await tx.insert(outbox).values(endpoints.map((endpoint) => ({ channel: "webhook" as const, endpointId: endpoint.id, type: "user.deleted", subject: String(ocid), payload: { user_ocid: ocid } })));
}

/** `credential.revoked` to the endpoints of the API account that issued it. */
export async function emitCredentialRevoked(tx: Tx, p: { credentialId: string; accountId: string; reason: string }): Promise<void> {
  const type: AccountEvent = "credential.revoked";
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.accountId, p.accountId), eq(webhookEndpoints.enabled, true), subscribed(type)));
  if (endpoints.length === 0) return;
  const data = { credential_id: p.credentialId, reason: p.reason };
  await tx.insert(outbox).values(endpoints.map((endpoint) => ({ channel: "webhook" as const, endpointId: endpoint.id, type, subject: p.credentialId, payload: data })));
}

export type NotificationData = {
  "item.approved": { item: Item };
  "item.rejected": { item: Item; reason: string; note: string | null; resubmission: boolean };
  "credential.revoked": { credentialId: string; reason: string };
  "data.accessed": { partnerName: string; items: Item[] };
  "document.expiring": { item: Item; expiresAt: string };
};

export type Preferences = typeof notificationPreferences.$inferSelect;
export const DEFAULT_PREFERENCES = { decisions: true, credentials: true, expiry: true, dataAccess: false } as const;

/**
 * An email to the person, when their preferences want it. The content (a reviewer's note may
 * name the person) is sealed; the address is read when it is sent, so an erased person gets
 * nothing. `dedupeKey` makes a repeated sweep warn once.
 */
export async function notifyPerson<N extends Notification>(tx: Tx, userId: string, type: N, data: NotificationData[N], dedupeKey?: string): Promise<void> {
  const [row] = await tx.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  if (!(row ?? DEFAULT_PREFERENCES)[NOTIFICATIONS[type]]) return;
  await tx
    .insert(outbox)
    .values({ channel: "email", userId, type, payloadEnc: encryptJson(data, EMAIL_PAYLOAD_PURPOSE), dedupeKey })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}
