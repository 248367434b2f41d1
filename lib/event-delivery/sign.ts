import "server-only";

import { createHmac } from "node:crypto";

import { getKeys } from "@/lib/keys";
import { signRequestHeaders } from "@/lib/ocn/client";
import { providerOcid } from "@/lib/ocn/provider";

/**
 * How a delivery proves it comes from Attest. A partner already knows this provider's OCN key
 * (its /metadata.json), so its deliveries are OCN requests from the provider (SPEC §2). An API
 * account has no OCN identity: its deliveries follow Standard Webhooks (standardwebhooks.com),
 * an HMAC-SHA256 over "id.timestamp.body" with the endpoint's own secret.
 */
const SECRET_PREFIX = "whsec_";


export function standardWebhookHeaders(p: { id: string; secret: string; body: string; timestamp: number }): Record<string, string> {
  const key = Buffer.from(p.secret.slice(SECRET_PREFIX.length), "base64");
  const signature = createHmac("sha256", key).update(`${p.id}.${p.timestamp}.${p.body}`).digest("base64");
  return { "webhook-id": p.id, "webhook-timestamp": String(p.timestamp), "webhook-signature": `v1,${signature}` };
}

export function partnerWebhookHeaders(p: { url: string; body: string; timestamp: number }): Record<string, string> {
  return signRequestHeaders({ ocid: providerOcid(), privateKeyHex: getKeys().ocnPrivateKey, method: "POST", url: p.url, body: p.body, timestamp: p.timestamp });
}
