import "server-only";

import { and, eq, inArray, sql } from "drizzle-orm";

import type { Tx } from "@/lib/db/client";
import { grants, notificationPreferences, outbox, users, webhookEndpoints } from "@/lib/db/schema";
import type { Item } from "@/lib/items/items";
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
 * `kyc.status_changed` to every partner endpoint of someone the person granted anything. The
 * row says only whose status may have changed: the worker reads the statuses when it sends,
 * exactly as /kyc/validate answers then (lib/event-delivery/status.ts), and sends nothing
 * when they are what that endpoint was last sent. The row is visible only once this
 * transaction commits, so what the worker reads includes the change.
 */
export async function emitStatusChanged(tx: Tx, userId: string): Promise<void> {
  const endpoints = await partnerEndpoints(tx, await partnersOf(tx, userId), "kyc.status_changed");
  if (endpoints.length === 0) return;
  const ocid = await userOcid(tx, userId);
  if (ocid === null) return;
  await tx.insert(outbox).values(endpoints.map((endpoint) => ({ channel: "webhook" as const, endpointId: endpoint.id, type: "kyc.status_changed", subject: String(ocid) })));
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
  // `code` is absent from notifications queued before reasons were translated: their English words stand.
  "item.rejected": { item: Item; reason: { code?: string; label: string; hint: string } | null; note: string | null; resubmission: boolean };
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
  // One statement, read and write together: `/kyc/data` calls this on every read.
  const wanted = NOTIFICATIONS[type];
  await tx.execute(sql`
    INSERT INTO ${outbox} (channel, user_id, type, payload_enc, dedupe_key)
    SELECT 'email', ${userId}, ${type}, ${encryptJson(data, EMAIL_PAYLOAD_PURPOSE)}, ${dedupeKey ?? null}
    WHERE COALESCE((SELECT ${notificationPreferences[wanted]} FROM ${notificationPreferences} WHERE ${notificationPreferences.userId} = ${userId}), ${DEFAULT_PREFERENCES[wanted]})
    ON CONFLICT (dedupe_key) DO NOTHING`);
}
