import { randomUUID } from "node:crypto";

import { canonicalJson } from "@/lib/security/canonical-json";
import { OCN_HEADERS, requestMessage, responseMessage } from "./messages";
import { sha256Hex, signMessage, verifyMessage } from "./secp256k1";

/*
 * The partner side of OCN: what a gateway does to call a KYC provider and to check what
 * comes back. Attest's /demo gateway and the tests use it; other gateways can copy it.
 */

// Lets a caller sign a bare "/kyc/data?x=1"; only the path and query are ever used.
const RELATIVE_BASE = "http://relative.invalid";

/** The request target as it goes on the wire: path (with any prefix) and query. */
export function pathAndQueryOf(url: string | URL): string {
  const parsed = typeof url === "string" ? new URL(url, RELATIVE_BASE) : url;
  return parsed.pathname + parsed.search;
}

export function signRequestHeaders(p: {
  ocid: string | number;
  privateKeyHex: string;
  method: string;
  url: string | URL;
  body?: string;
  timestamp?: number;
  nonce?: string;
}): Record<string, string> {
  const ocid = String(p.ocid);
  const timestamp = String(p.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = p.nonce ?? randomUUID();
  const message = requestMessage({
    ocid,
    timestamp,
    nonce,
    method: p.method,
    pathAndQuery: pathAndQueryOf(p.url),
    bodySha256: sha256Hex(p.body ?? ""),
  });
  return {
    [OCN_HEADERS.id]: ocid,
    [OCN_HEADERS.timestamp]: timestamp,
    [OCN_HEADERS.nonce]: nonce,
    [OCN_HEADERS.signature]: signMessage(message, p.privateKeyHex),
  };
}

/**
 * Whether a provider response carries a valid X-OC-Signature over
 * ocid\ntimestamp\nstatus\nSHA-256(body), from `providerOcid` when given. Freshness of
 * X-OC-Timestamp is the caller's policy; this only checks it is Unix seconds.
 */
export function verifyResponseSignature(p: {
  status: number;
  headers: Headers;
  body: string;
  providerPublicKey: string;
  providerOcid?: string | number;
}): boolean {
  return checkResponse({ ...p, bodySha256: sha256Hex(p.body) });
}

function checkResponse(p: {
  status: number;
  headers: Headers;
  bodySha256: string;
  providerPublicKey: string;
  providerOcid?: string | number;
}): boolean {
  const ocid = p.headers.get(OCN_HEADERS.id);
  const timestamp = p.headers.get(OCN_HEADERS.timestamp);
  const signature = p.headers.get(OCN_HEADERS.signature);
  if (!ocid || !timestamp || !signature) return false;
  if (p.providerOcid !== undefined && ocid !== String(p.providerOcid)) return false;
  if (!/^\d{1,15}$/.test(timestamp)) return false;
  const message = responseMessage({ ocid, timestamp, status: p.status, bodySha256: p.bodySha256 });
  return verifyMessage(message, signature, p.providerPublicKey);
}

/**
 * Whether a request the provider sent (a webhook delivery) carries a valid X-OC-Signature
 * over SPEC §2's request message, from `providerOcid` when given. As for responses,
 * freshness of X-OC-Timestamp and reuse of X-OC-Nonce are the receiver's policy.
 */
export function verifyRequestSignature(p: {
  method: string;
  url: string | URL;
  headers: Headers;
  body: string;
  providerPublicKey: string;
  providerOcid?: string | number;
}): boolean {
  const ocid = p.headers.get(OCN_HEADERS.id);
  const timestamp = p.headers.get(OCN_HEADERS.timestamp);
  const nonce = p.headers.get(OCN_HEADERS.nonce);
  const signature = p.headers.get(OCN_HEADERS.signature);
  if (!ocid || !timestamp || !nonce || !signature) return false;
  if (p.providerOcid !== undefined && ocid !== String(p.providerOcid)) return false;
  if (!/^\d{1,15}$/.test(timestamp) || /[\r\n]/.test(nonce)) return false;
  const message = requestMessage({ ocid, timestamp, nonce, method: p.method, pathAndQuery: pathAndQueryOf(p.url), bodySha256: sha256Hex(p.body) });
  return verifyMessage(message, signature, p.providerPublicKey);
}

/** A /kyc/data body: `signature` signs SHA-256 of JCS(every other member). Never throws. */
export function verifyDataSignature(body: Record<string, unknown> & { signature: string }, providerPublicKey: string): boolean {
  if (typeof body !== "object" || body === null) return false;
  const { signature, ...signed } = body;
  if (typeof signature !== "string") return false;
  try {
    return verifyMessage(canonicalJson(signed), signature, providerPublicKey);
  } catch {
    return false;
  }
}

/**
 * Sign and send one OCN request. `body` is sent as JSON, except a string, which is sent
 * as-is (tests use that for malformed bodies). `responseSignatureValid` is null when no
 * providerPublicKey is given; it is computed over the raw response bytes.
 */
export async function ocnRequest(p: {
  baseUrl: string;
  path: string;
  method?: "GET" | "POST";
  body?: unknown;
  ocid: string | number;
  privateKeyHex: string;
  providerPublicKey?: string;
  providerOcid?: string | number;
  fetchImpl?: typeof fetch;
}): Promise<{ status: number; headers: Headers; json: unknown; text: string; responseSignatureValid: boolean | null }> {
  const url = new URL(joinUrl(p.baseUrl, p.path));
  const method = p.method ?? (p.body === undefined ? "GET" : "POST");
  const body = p.body === undefined ? undefined : typeof p.body === "string" ? p.body : JSON.stringify(p.body);
  const headers: Record<string, string> = {
    accept: "application/json",
    ...signRequestHeaders({ ocid: p.ocid, privateKeyHex: p.privateKeyHex, method, url, body }),
  };
  if (body !== undefined) headers["content-type"] = "application/json";

  const response = await (p.fetchImpl ?? fetch)(url, { method, headers, body, redirect: "manual" });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  return {
    status: response.status,
    headers: response.headers,
    json: parseJson(text),
    text,
    responseSignatureValid:
      p.providerPublicKey === undefined
        ? null
        : checkResponse({
            status: response.status,
            headers: response.headers,
            bodySha256: sha256Hex(bytes),
            providerPublicKey: p.providerPublicKey,
            providerOcid: p.providerOcid,
          }),
  };
}

/** baseUrl may carry a path prefix (PUBLIC_URL can), which the signed path must keep. */
function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + (path.startsWith("/") ? path : `/${path}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
