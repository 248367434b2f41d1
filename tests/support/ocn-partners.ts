import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { createPartner } from "./factories";
import { signRequestHeaders } from "@/lib/ocn/client";
import { signMetadataConfig } from "@/lib/ocn/metadata";
import { generatePrivateKey, publicKeyFromPrivate } from "@/lib/ocn/secp256k1";
import { getEnv } from "@/lib/env";

/**
 * OCN partners for integration tests: a loopback HTTP server publishes each test
 * partner's signed metadata (as a real gateway would), and `send` calls a route handler
 * with a request signed by that partner.
 */
type Published = { status: number; body: string };
const published = new Map<string, Published>();
let server: Server | null = null;
let base = "";

export async function startMetadataServer(): Promise<void> {
  server = createServer((request, response) => {
    const entry = published.get(request.url ?? "");
    response.writeHead(entry?.status ?? 404, { "content-type": "application/json" });
    response.end(entry?.body ?? "{}");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function stopMetadataServer(): Promise<void> {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

export function publish(path: string, entry: Published): string {
  published.set(path, entry);
  return `${base}${path}`;
}

export function signedMetadata(privateKey: string, options: { badSignature?: boolean } = {}) {
  const config = { publicKey: publicKeyFromPrivate(privateKey), endpoint: "https://gateway.example", capabilities: ["kyc.consumer"] };
  const signature = signMetadataConfig(options.badSignature ? { ...config, endpoint: "https://other.example" } : config, privateKey);
  return { opencharge: "0.1", name: "Test Gateway", profile: "gateway", config, kyc: [], signature };
}

export type TestPartner = Awaited<ReturnType<typeof createTestPartner>>;

/** A registered partner whose metadata the loopback server publishes. */
export async function createTestPartner(
  values: { status?: "active" | "suspended"; allowedGrants?: string[] | null; fullDocumentNumbers?: boolean; metadata?: "good" | "bad-signature" | "unreachable" } = {},
) {
  const privateKey = generatePrivateKey();
  const path = `/partners/${crypto.randomUUID()}.json`;
  const metadataUrl =
    values.metadata === "unreachable"
      ? publish(path, { status: 500, body: "oops" })
      : publish(path, { status: 200, body: JSON.stringify(signedMetadata(privateKey, { badSignature: values.metadata === "bad-signature" })) });
  const row = await createPartner({
    metadataUrl,
    status: values.status ?? "active",
    allowedGrants: values.allowedGrants ?? null,
    fullDocumentNumbers: values.fullDocumentNumbers ?? false,
  });
  return { ocid: row.ocid, privateKey };
}

export type SendOptions = {
  method?: "GET" | "POST";
  path: string;
  body?: unknown;
  /** Headers that replace (or, when null, remove) the signed ones. */
  override?: Record<string, string | null>;
  /** Sign as if these were sent, then send the real ones (tampering). */
  signedPath?: string;
  signedBody?: string;
  timestamp?: number;
  nonce?: string;
  signingKey?: string;
};

/** A Request to PUBLIC_URL + path, signed by `partner` unless told otherwise. */
export function signedRequest(partner: { ocid: number | string; privateKey: string }, options: SendOptions): Request {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const url = new URL(options.path, getEnv().publicUrl).toString();
  const headers = new Headers(
    signRequestHeaders({
      ocid: partner.ocid,
      privateKeyHex: options.signingKey ?? partner.privateKey,
      method,
      url: options.signedPath ?? url,
      body: options.signedBody ?? body,
      timestamp: options.timestamp,
      nonce: options.nonce,
    }),
  );
  for (const [name, value] of Object.entries(options.override ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(url, { method, headers, body });
}
