import "server-only";

import { and, desc, eq, lt } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { demoWebhookEvents, partners, webhookEndpoints } from "@/lib/db/schema";
import { discoverProvider } from "@/lib/demo/gateway-calls";
import { DEMO_GATEWAY } from "@/lib/demo/gateway";
import { absoluteUrl, getEnv } from "@/lib/env";
import { createEndpoint } from "@/lib/events/endpoints";
import { PARTNER_EVENTS } from "@/lib/events/types";
import { readCapped } from "@/lib/http/read-capped";
import { verifyRequestSignature } from "@/lib/ocn/client";

/**
 * The demo gateway receives Attest's webhooks as any partner would: at its own URL, checking
 * each delivery's OCN signature with the provider key it read from /metadata.json, and the
 * timestamp's freshness. It keeps the last few so /demo can show them.
 */
const MAX_BODY_BYTES = 64 * 1024;
const FRESH_SECONDS = 300;
const KEEP = 50;

export function demoWebhookUrl(): string {
  return absoluteUrl("/demo/webhooks");
}

/** Registers the demo gateway's webhook once, wherever the demo data set is seeded. */
export async function ensureDemoWebhook(db: Db): Promise<void> {
  if (!getEnv().seedDemo) return;
  const [partner] = await db.select({ ocid: partners.ocid }).from(partners).where(eq(partners.ocid, DEMO_GATEWAY.ocid));
  if (!partner) return;
  const [existing] = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.partnerOcid, DEMO_GATEWAY.ocid), eq(webhookEndpoints.url, demoWebhookUrl())));
  if (existing) return;
  await createEndpoint(db, { owner: { kind: "partner", ocid: DEMO_GATEWAY.ocid }, url: demoWebhookUrl(), eventTypes: [...PARTNER_EVENTS] }, { type: "system" });
}

export type DemoWebhookEvent = { id: number; eventId: string; type: string; body: string; signatureValid: boolean; receivedAt: string };

/** One delivery to the demo gateway: false when it is not one (too large, not an event). */
export async function receiveDemoWebhook(db: Db, request: Request, now = new Date()): Promise<boolean> {
  const bytes = await readCapped(request.body, MAX_BODY_BYTES, request.headers.get("content-length"));
  if (!bytes) return false;
  const body = new TextDecoder().decode(bytes);
  let event: { id?: unknown; type?: unknown };
  try {
    event = JSON.parse(body) as typeof event;
  } catch {
    return false;
  }
  if (typeof event?.id !== "string" || typeof event.type !== "string") return false;
  const provider = await discoverProvider();
  const timestamp = Number(request.headers.get("x-oc-timestamp"));
  const fresh = Math.abs(now.getTime() / 1000 - timestamp) <= FRESH_SECONDS;
  const signed = verifyRequestSignature({ method: request.method, url: demoWebhookUrl(), headers: request.headers, body, providerPublicKey: provider.publicKey, providerOcid: provider.ocid });
  await db.insert(demoWebhookEvents).values({ eventId: event.id.slice(0, 64), type: event.type.slice(0, 64), body, signatureValid: signed && fresh && provider.metadataSignatureValid, receivedAt: now });
  const [cutoff] = await db.select({ id: demoWebhookEvents.id }).from(demoWebhookEvents).orderBy(desc(demoWebhookEvents.id)).offset(KEEP).limit(1);
  if (cutoff) await db.delete(demoWebhookEvents).where(lt(demoWebhookEvents.id, cutoff.id + 1));
  return true;
}

export async function listDemoWebhookEvents(db: Db, limit = 10): Promise<DemoWebhookEvent[]> {
  const rows = await db.select().from(demoWebhookEvents).orderBy(desc(demoWebhookEvents.id)).limit(limit);
  return rows.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() }));
}
