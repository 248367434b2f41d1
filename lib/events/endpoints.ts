import "server-only";

import { randomBytes } from "node:crypto";

import { and, desc, eq, isNotNull, or, sql } from "drizzle-orm";
import { z } from "zod";

import { recordAudit, type AuditActor } from "@/lib/audit/log";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { Db, Tx } from "@/lib/db/client";
import { apiAccounts, outbox, partners, webhookEndpoints } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { isAllowedOutboundUrl } from "@/lib/security/outbound-fetch";
import { encryptText } from "@/lib/security/encryption";

import { ACCOUNT_EVENTS, PARTNER_EVENTS, TEST_EVENT } from "./types";

/**
 * Webhook endpoints as admins manage them (`partners.manage` for a partner's, `accounts.manage`
 * for an API account's; the console action checks the role, these check what they are given).
 */
export const endpointInputSchema = z
  .object({
    owner: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("partner"), ocid: z.coerce.number().int().positive("Choose a partner.") }),
      z.object({ kind: z.literal("account"), id: z.uuid("Choose an API account.") }),
    ]),
    url: z
      .string()
      .trim()
      .max(2000)
      .refine(isAllowedOutboundUrl, "Use an https URL (plain http only to localhost outside production)."),
    eventTypes: z.array(z.string()).min(1, "Choose at least one event."),
  })
  .superRefine((input, context) => {
    const allowed: readonly string[] = input.owner.kind === "partner" ? PARTNER_EVENTS : ACCOUNT_EVENTS;
    if (input.eventTypes.some((type) => !allowed.includes(type))) {
      context.addIssue({ code: "custom", path: ["eventTypes"], message: `Events for this endpoint: ${allowed.join(", ")}.` });
    }
  });
export type EndpointInput = z.infer<typeof endpointInputSchema>;

/** The console form's fields, as the schema reads them. */
export function endpointInputFromForm(form: FormData) {
  const kind = form.get("ownerKind");
  return endpointInputSchema.safeParse({
    owner: kind === "account" ? { kind, id: form.get("accountId") } : { kind: "partner", ocid: form.get("partnerOcid") },
    url: form.get("url"),
    eventTypes: form.getAll("eventTypes"),
  });
}

export type Endpoint = typeof webhookEndpoints.$inferSelect;

export const ENDPOINT_SECRET_PURPOSE = "webhook_endpoints.secret";

/** A new endpoint secret in the Standard Webhooks form: "whsec_" and 32 random bytes in base64. */
export function generateEndpointSecret(): string {
  return "whsec_" + randomBytes(32).toString("base64");
}

/** A staff actor's role is re-read inside the transaction; the system (the demo's own endpoint) needs none. */
async function assertMayManage(tx: Tx, actor: AuditActor): Promise<void> {
  if (actor.type === "staff") await assertStaffMay(tx, actor.id, "webhooks.manage");
}

/** Creates an endpoint; an API account's gets a signing secret, returned here and never again. */
export async function createEndpoint(db: Db, input: EndpointInput, actor: AuditActor): Promise<{ endpoint: Endpoint; secret: string | null }> {
  return db.transaction(async (tx) => {
    await assertMayManage(tx, actor);
    const owner = input.owner;
    const exists =
      owner.kind === "partner"
        ? (await tx.select({ ocid: partners.ocid }).from(partners).where(eq(partners.ocid, owner.ocid))).length > 0
        : (await tx.select({ id: apiAccounts.id }).from(apiAccounts).where(eq(apiAccounts.id, owner.id))).length > 0;
    if (!exists) throw new AppError("NOT_FOUND", owner.kind === "partner" ? "No registered partner has this OCID." : "No API account has this id.");
    const secret = owner.kind === "account" ? generateEndpointSecret() : null;
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({
        partnerOcid: owner.kind === "partner" ? owner.ocid : null,
        accountId: owner.kind === "account" ? owner.id : null,
        url: input.url,
        eventTypes: [...new Set(input.eventTypes)],
        secretEnc: secret ? encryptText(secret, ENDPOINT_SECRET_PURPOSE) : null,
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: "webhook.endpoint_created",
      partnerOcid: endpoint!.partnerOcid,
      details: { endpointId: endpoint!.id, accountId: endpoint!.accountId, eventTypes: endpoint!.eventTypes },
    });
    return { endpoint: endpoint!, secret };
  });
}

/** Enabling again clears the failure flag; rows that were waiting are sent from the next tick. */
export async function setEndpointEnabled(db: Db, id: string, enabled: boolean, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await assertMayManage(tx, actor);
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set(enabled ? { enabled, disabledAt: null, disabledReason: null } : { enabled })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    if (!endpoint) throw new AppError("NOT_FOUND", "No webhook endpoint has this id.");
    await recordAudit(tx, { actor, action: enabled ? "webhook.endpoint_enabled" : "webhook.endpoint_disabled", partnerOcid: endpoint.partnerOcid, details: { endpointId: id } });
  });
}

export async function deleteEndpoint(db: Db, id: string, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await assertMayManage(tx, actor);
    const [endpoint] = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning();
    if (!endpoint) throw new AppError("NOT_FOUND", "No webhook endpoint has this id.");
    await recordAudit(tx, { actor, action: "webhook.endpoint_deleted", partnerOcid: endpoint.partnerOcid, details: { endpointId: id } });
  });
}

export async function getEndpoint(db: Db, id: string): Promise<Endpoint | null> {
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return endpoint ?? null;
}

export async function listEndpoints(db: Db, owner?: { partnerOcid?: number; accountId?: string }): Promise<Endpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(owner?.partnerOcid ? eq(webhookEndpoints.partnerOcid, owner.partnerOcid) : owner?.accountId ? eq(webhookEndpoints.accountId, owner.accountId) : undefined)
    .orderBy(desc(webhookEndpoints.createdAt));
}

/** Disabled by the retry limit, or with a delivery that has failed at least once and is still waiting. */
export async function listFailingEndpoints(db: Db): Promise<(Endpoint & { waiting: number })[]> {
  const waiting = sql<number>`(select count(*)::int from ${outbox} o where o.endpoint_id = ${webhookEndpoints.id} and o.delivered_at is null and o.failed_at is null and o.last_error is not null)`;
  const rows = await db
    .select({ endpoint: webhookEndpoints, waiting })
    .from(webhookEndpoints)
    .where(or(isNotNull(webhookEndpoints.disabledAt), sql`${waiting} > 0`))
    .orderBy(desc(webhookEndpoints.createdAt));
  return rows.map((row) => ({ ...row.endpoint, waiting: row.waiting }));
}

export type DeliveryLogEntry = Pick<typeof outbox.$inferSelect, "id" | "type" | "attempts" | "lastStatus" | "lastError" | "nextAttemptAt" | "deliveredAt" | "failedAt" | "createdAt">;

/** The endpoint's deliveries, newest first: what was sent, how often, the last answer, the next try. */
export async function listDeliveries(db: Db, endpointId: string, limit = 50): Promise<DeliveryLogEntry[]> {
  return db
    .select({
      id: outbox.id,
      type: outbox.type,
      attempts: outbox.attempts,
      lastStatus: outbox.lastStatus,
      lastError: outbox.lastError,
      nextAttemptAt: outbox.nextAttemptAt,
      deliveredAt: outbox.deliveredAt,
      failedAt: outbox.failedAt,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(eq(outbox.endpointId, endpointId))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

/** "Send test event": a `webhook.test` to this endpoint, through the outbox like any other. */
export async function sendTestEvent(db: Db, endpointId: string, actor: AuditActor): Promise<string> {
  return db.transaction(async (tx) => {
    await assertMayManage(tx, actor);
    const [endpoint] = await tx.select({ id: webhookEndpoints.id, partnerOcid: webhookEndpoints.partnerOcid }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    if (!endpoint) throw new AppError("NOT_FOUND", "No webhook endpoint has this id.");
    const [row] = await tx.insert(outbox).values({ channel: "webhook", endpointId, type: TEST_EVENT, payload: { message: "A test event from Attest" } }).returning({ id: outbox.id });
    await recordAudit(tx, { actor, action: "webhook.test_sent", partnerOcid: endpoint.partnerOcid, details: { endpointId, eventId: row!.id } });
    return row!.id;
  });
}

/**
 * Sends one delivery again, with the same event id (so a receiver that has it already can
 * tell), and a fresh retry window.
 */
export async function resendDelivery(db: Db, eventId: string, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await assertMayManage(tx, actor);
    const now = new Date();
    const [row] = await tx
      .update(outbox)
      .set({ deliveredAt: null, failedAt: null, claim: null, attempts: 0, nextAttemptAt: now, createdAt: now })
      .where(and(eq(outbox.id, eventId), eq(outbox.channel, "webhook")))
      .returning({ endpointId: outbox.endpointId });
    if (!row) throw new AppError("NOT_FOUND", "No webhook delivery has this id.");
    await recordAudit(tx, { actor, action: "webhook.resent", details: { endpointId: row.endpointId, eventId } });
  });
}
