import "server-only";

import { randomUUID } from "node:crypto";

import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import type { Db } from "@/lib/db/client";
import { outbox, users, webhookEndpoints } from "@/lib/db/schema";
import { logUnexpected } from "@/lib/http/errors";
import { sendMail } from "@/lib/mail/transport";
import { fetchOutbound } from "@/lib/security/outbound-fetch";
import { decryptJson, decryptText } from "@/lib/security/encryption";
import { startPeriodic } from "@/lib/state/periodic";

import { renderNotification } from "@/lib/events/emails";
import { localeOr } from "@/lib/i18n/messages";
import { EMAIL_PAYLOAD_PURPOSE, type NotificationData } from "@/lib/events/emit";
import { ENDPOINT_SECRET_PURPOSE } from "@/lib/events/endpoints";
import type { EventBody, Notification } from "@/lib/events/types";

import { partnerWebhookHeaders, standardWebhookHeaders } from "./sign";
import { statusPayload } from "./status";

/**
 * The delivery workers. A claim takes due rows with FOR UPDATE SKIP LOCKED and, in the same
 * statement's transaction, moves them LEASE_MS into the future under a fresh claim id: other
 * workers (this instance or another) pass over them until the lease runs out. A worker killed
 * mid-delivery leaves its rows to come due again when the lease ends; one that comes back late
 * finds its claim gone and writes nothing. A healthy receiver answers within the 10 s timeout,
 * well inside the lease, so no row is sent twice to it.
 */
export const DELIVERY_TIMEOUT_MS = 10_000;
export const LEASE_MS = 60_000;
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 2 * 60 * 60 * 1000;
const CLAIM_BATCH = 20;
const MAX_ANSWER_BYTES = 64 * 1024;

type Claimed = typeof outbox.$inferSelect;
export type DeliveryRun = { delivered: number; retrying: number; failed: number; skipped: number };

/** Exponential from 30 s, capped at 2 h, with ±20 % jitter so a recovering receiver is not hit by every row at once. */
export function retryDelayMs(attempts: number, random = Math.random()): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), LONGEST_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random));
}

export async function claimDue(db: Db, now = new Date(), limit = CLAIM_BATCH): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          isNull(outbox.deliveredAt),
          isNull(outbox.failedAt),
          lte(outbox.nextAttemptAt, now),
          // A disabled endpoint's rows wait: an admin may enable it again and resend.
          or(eq(outbox.channel, "email"), inArray(outbox.endpointId, tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true)))),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ claim: randomUUID(), nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due.map((row) => row.id)))
      .returning();
  });
}

/** The body a webhook row sends; the same bytes on every attempt, so a receiver can dedupe on `id`. */
export function eventBody(row: Pick<Claimed, "id" | "type" | "occurredAt" | "payload">): string {
  const body: EventBody = { id: row.id, type: row.type, occurred_at: Math.floor(row.occurredAt.getTime() / 1000), data: row.payload ?? {} };
  return JSON.stringify(body);
}

type Attempt = { ok: boolean; status: number | null; error: string | null; skipped?: true };

async function postWebhook(db: Db, row: Claimed, now: Date): Promise<Attempt> {
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, row.endpointId!));
  if (!endpoint) return { ok: false, status: null, error: "endpoint removed" };
  if (row.type === "kyc.status_changed" && row.payload === null) {
    // Read on the first attempt and kept, so every retry sends the same bytes.
    const payload = endpoint.partnerOcid === null ? null : await statusPayload(db, { id: row.id, endpointId: endpoint.id, subject: row.subject ?? "" }, endpoint.partnerOcid);
    if (!payload) return { ok: false, status: null, error: null, skipped: true };
    row.payload = payload;
    await db.update(outbox).set({ payload }).where(and(eq(outbox.id, row.id), eq(outbox.claim, row.claim!)));
  }
  const body = eventBody(row);
  const timestamp = Math.floor(now.getTime() / 1000);
  const signed = endpoint.partnerOcid !== null
    ? partnerWebhookHeaders({ url: endpoint.url, body, timestamp })
    : standardWebhookHeaders({ id: row.id, secret: decryptText(endpoint.secretEnc!, ENDPOINT_SECRET_PURPOSE), body, timestamp });
  try {
    const response = await fetchOutbound(endpoint.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Attest-Webhooks/1", ...signed },
      body,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      maxBytes: MAX_ANSWER_BYTES,
    });
    return { ok: response.ok, status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    // The reason only (refused, timed out, connection refused): never a body or a header.
    return { ok: false, status: null, error: error instanceof Error ? error.message.slice(0, 200) : "request failed" };
  }
}

async function sendEmail(db: Db, row: Claimed): Promise<Attempt> {
  const [user] = await db.select({ emailEnc: users.emailEnc, locale: users.locale }).from(users).where(eq(users.id, row.userId!));
  if (!user?.emailEnc) return { ok: false, status: null, error: "no address" };
  const data = decryptJson<NotificationData[Notification]>(row.payloadEnc!, EMAIL_PAYLOAD_PURPOSE);
  try {
    await sendMail({ to: decryptText(user.emailEnc, "users.email"), ...renderNotification(row.type as Notification, data, localeOr(user.locale)) });
    return { ok: true, status: null, error: null };
  } catch (error) {
    logUnexpected(error, "sending a notification");
    return { ok: false, status: null, error: "mail transport failed" };
  }
}

/** Records one attempt under the worker's claim; a claim that expired and was taken over changes nothing. */
async function settle(db: Db, row: Claimed, attempt: Attempt, now: Date): Promise<keyof DeliveryRun> {
  const mine = and(eq(outbox.id, row.id), eq(outbox.claim, row.claim!));
  if (attempt.skipped) {
    // Nothing changed for this partner since the last event: the row goes unsent.
    await db.delete(outbox).where(mine);
    return "skipped";
  }
  const recorded = { lastStatus: attempt.status, lastError: attempt.error, claim: null };
  if (attempt.ok) {
    await db.update(outbox).set({ ...recorded, deliveredAt: now }).where(mine);
    return "delivered";
  }
  const next = new Date(now.getTime() + retryDelayMs(row.attempts));
  if (next.getTime() - row.createdAt.getTime() <= RETRY_WINDOW_MS) {
    await db.update(outbox).set({ ...recorded, nextAttemptAt: next }).where(mine);
    return "retrying";
  }
  await db.transaction(async (tx) => {
    const [gaveUp] = await tx.update(outbox).set({ ...recorded, failedAt: now }).where(mine).returning({ id: outbox.id });
    if (!gaveUp || row.channel !== "webhook") return;
    // 24 hours of failures: the endpoint is switched off, audited, and shown to admins.
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledAt: now, disabledReason: `Deliveries failed for 24 hours (last: ${attempt.error ?? "no answer"})` })
      .where(and(eq(webhookEndpoints.id, row.endpointId!), eq(webhookEndpoints.enabled, true)))
      .returning();
    if (endpoint) {
      await recordAudit(tx, {
        actor: { type: "system" },
        action: "webhook.endpoint_disabled",
        partnerOcid: endpoint.partnerOcid,
        details: { endpointId: endpoint.id, accountId: endpoint.accountId, eventId: row.id, lastStatus: attempt.status },
      });
    }
  });
  return "failed";
}

/** One pass: claim what is due, attempt each, record the outcomes. */
export async function deliverDue(db: Db, now = new Date(), limit = CLAIM_BATCH): Promise<DeliveryRun> {
  const run: DeliveryRun = { delivered: 0, retrying: 0, failed: 0, skipped: 0 };
  const rows = await claimDue(db, now, limit);
  await Promise.all(
    rows.map(async (row) => {
      const attempt = row.channel === "webhook" ? await postWebhook(db, row, now) : await sendEmail(db, row);
      run[await settle(db, row, attempt, now)] += 1;
    }),
  );
  return run;
}

const POLL_MS = 2_000;

/**
 * Every instance runs one worker; they share the outbox through the claims above. A full batch
 * is followed at once by the next; a failed pass is logged and the next tick tries again.
 */
export function startDeliveryWorker(db: Db): void {
  startPeriodic({ name: "delivery-worker", during: "the event delivery worker", everyMs: POLL_MS }, async (stopping) => {
    let run: DeliveryRun;
    do run = await deliverDue(db);
    while (!stopping() && run.delivered + run.retrying + run.failed + run.skipped === CLAIM_BATCH);
  });
}
