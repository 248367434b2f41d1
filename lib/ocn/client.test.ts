import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { canonicalJson } from "@/lib/security/canonical-json";
import { ocnRequest, pathAndQueryOf, signRequestHeaders, verifyDataSignature, verifyResponseSignature } from "./client";
import { OCN_HEADERS, requestMessage, responseMessage } from "./messages";
import { publicKeyFromPrivate, sha256Hex, signMessage, verifyMessage } from "./secp256k1";

const PARTNER_KEY = "fb1309f86904d436d801d2f307416e7c398ad3cc5a119cebe44cdfe87e8ab092";
const PARTNER_PUBLIC_KEY = publicKeyFromPrivate(PARTNER_KEY);
const PROVIDER_KEY = "0000000000000000000000000000000000000000000000000000000000003039";
const PROVIDER_PUBLIC_KEY = publicKeyFromPrivate(PROVIDER_KEY);

/** What a provider does with a request: rebuild the message from what arrived and verify. */
function providerAccepts(p: { headers: Headers; method: string; pathAndQuery: string; body: string }): boolean {
  const get = (name: string) => p.headers.get(name) ?? "";
  const message = requestMessage({
    ocid: get(OCN_HEADERS.id),
    timestamp: get(OCN_HEADERS.timestamp),
    nonce: get(OCN_HEADERS.nonce),
    method: p.method,
    pathAndQuery: p.pathAndQuery,
    bodySha256: sha256Hex(p.body),
  });
  return get(OCN_HEADERS.id) === "300" && verifyMessage(message, get(OCN_HEADERS.signature), PARTNER_PUBLIC_KEY);
}

function signedResponseHeaders(status: number, body: string, ocid = "540", timestamp = "1763800000"): Headers {
  const signature = signMessage(responseMessage({ ocid, timestamp, status, bodySha256: sha256Hex(body) }), PROVIDER_KEY);
  return new Headers({ [OCN_HEADERS.id]: ocid, [OCN_HEADERS.timestamp]: timestamp, [OCN_HEADERS.signature]: signature, "content-type": "application/json" });
}

describe("signRequestHeaders", () => {
  it("signs the exact SPEC §2 message over the path and query as sent", () => {
    const body = `{"user_ocid":12345,"grants":["name"]}`;
    const headers = signRequestHeaders({
      ocid: 300,
      privateKeyHex: PARTNER_KEY,
      method: "post",
      url: "https://attest.example/prefix/kyc/data?lang=en#ignored",
      body,
      timestamp: 1763800000,
      nonce: "nonce-1",
    });
    expect(Object.keys(headers)).toEqual(["X-OC-ID", "X-OC-Timestamp", "X-OC-Nonce", "X-OC-Signature"]);
    expect(headers["X-OC-ID"]).toBe("300");
    expect(headers["X-OC-Timestamp"]).toBe("1763800000");
    expect(headers["X-OC-Nonce"]).toBe("nonce-1");
    const message = `300\n1763800000\nnonce-1\nPOST\n/prefix/kyc/data?lang=en\n${sha256Hex(body)}`;
    expect(verifyMessage(message, headers["X-OC-Signature"]!, PARTNER_PUBLIC_KEY)).toBe(true);
    expect(headers["X-OC-Signature"]).toMatch(/^[0-9a-f]{128}1[bc]$/);
  });

  it("defaults to a fresh nonce, the current Unix time and the empty-body hash", () => {
    const before = Math.floor(Date.now() / 1000);
    const a = signRequestHeaders({ ocid: "300", privateKeyHex: PARTNER_KEY, method: "GET", url: new URL("http://127.0.0.1:3000/capabilities") });
    const b = signRequestHeaders({ ocid: "300", privateKeyHex: PARTNER_KEY, method: "GET", url: new URL("http://127.0.0.1:3000/capabilities") });
    expect(a["X-OC-Nonce"]).not.toBe(b["X-OC-Nonce"]);
    expect(a["X-OC-Nonce"]!.length).toBeLessThanOrEqual(128);
    const timestamp = Number(a["X-OC-Timestamp"]);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const message = ["300", a["X-OC-Timestamp"], a["X-OC-Nonce"], "GET", "/capabilities", sha256Hex("")].join("\n");
    expect(verifyMessage(message, a["X-OC-Signature"]!, PARTNER_PUBLIC_KEY)).toBe(true);
  });

  it("takes the path as the URL serialises it", () => {
    expect(pathAndQueryOf("https://a.example/kyc/grant/300?grants=name,email&state=a b")).toBe("/kyc/grant/300?grants=name,email&state=a%20b");
    expect(pathAndQueryOf("/kyc/validate?x=1")).toBe("/kyc/validate?x=1");
    expect(pathAndQueryOf(new URL("http://h/a/../b/./c"))).toBe("/b/c");
  });
});

describe("verifyResponseSignature", () => {
  const body = `{"user_ocid":12345,"kyc_complete":true}`;

  it("accepts a provider-signed response, with or without an expected OCID", () => {
    const headers = signedResponseHeaders(200, body);
    expect(verifyResponseSignature({ status: 200, headers, body, providerPublicKey: PROVIDER_PUBLIC_KEY })).toBe(true);
    expect(verifyResponseSignature({ status: 200, headers, body, providerPublicKey: PROVIDER_PUBLIC_KEY, providerOcid: 540 })).toBe(true);
  });

  it.each<[string, () => Parameters<typeof verifyResponseSignature>[0]]>([
    ["another status", () => ({ status: 201, headers: signedResponseHeaders(200, body), body, providerPublicKey: PROVIDER_PUBLIC_KEY })],
    ["another body", () => ({ status: 200, headers: signedResponseHeaders(200, body), body: `${body} `, providerPublicKey: PROVIDER_PUBLIC_KEY })],
    ["another provider OCID", () => ({ status: 200, headers: signedResponseHeaders(200, body), body, providerPublicKey: PROVIDER_PUBLIC_KEY, providerOcid: "541" })],
    ["another key", () => ({ status: 200, headers: signedResponseHeaders(200, body), body, providerPublicKey: PARTNER_PUBLIC_KEY })],
    ["a missing signature", () => ({ status: 200, headers: withHeader(signedResponseHeaders(200, body), OCN_HEADERS.signature, null), body, providerPublicKey: PROVIDER_PUBLIC_KEY })],
    ["a missing timestamp", () => ({ status: 200, headers: withHeader(signedResponseHeaders(200, body), OCN_HEADERS.timestamp, null), body, providerPublicKey: PROVIDER_PUBLIC_KEY })],
    ["a missing OCID", () => ({ status: 200, headers: withHeader(signedResponseHeaders(200, body), OCN_HEADERS.id, null), body, providerPublicKey: PROVIDER_PUBLIC_KEY })],
    ["a changed timestamp", () => ({ status: 200, headers: withHeader(signedResponseHeaders(200, body), OCN_HEADERS.timestamp, "1763800001"), body, providerPublicKey: PROVIDER_PUBLIC_KEY })],
    ["a non-numeric timestamp", () => ({ status: 200, headers: signedResponseHeaders(200, body, "540", "soon"), body, providerPublicKey: PROVIDER_PUBLIC_KEY })],
    ["a garbage signature", () => ({ status: 200, headers: withHeader(signedResponseHeaders(200, body), OCN_HEADERS.signature, "xyz"), body, providerPublicKey: PROVIDER_PUBLIC_KEY })],
  ])("rejects %s", (_name, input) => {
    expect(verifyResponseSignature(input())).toBe(false);
  });
});

function withHeader(headers: Headers, name: string, value: string | null): Headers {
  const copy = new Headers(headers);
  if (value === null) copy.delete(name);
  else copy.set(name, value);
  return copy;
}

describe("verifyDataSignature", () => {
  const unsigned = {
    user_ocid: 12345,
    provider: 540,
    requester: 300,
    issued_at: 1763800000,
    expires_at: 1763803600,
    data: { name: { first_name: "Alice", last_name: "Ågren", full_name: "Alice Ågren" }, email: "alice@example.com" },
  };
  const signed = { ...unsigned, signature: signMessage(canonicalJson(unsigned), PROVIDER_KEY) };

  it("accepts a /kyc/data body signed over JCS of everything but `signature`", () => {
    expect(verifyDataSignature(signed, PROVIDER_PUBLIC_KEY)).toBe(true);
    // What a gateway really holds: the parsed wire form, members in any order.
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse())));
    expect(verifyDataSignature(reordered, PROVIDER_PUBLIC_KEY)).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ["changed data", { ...signed, data: { ...unsigned.data, email: "mallory@example.com" } }],
    ["a later expiry", { ...signed, expires_at: 1763809999 }],
    ["an added member", { ...signed, extra: 1 }],
    ["another requester", { ...signed, requester: 301 }],
    ["no signature", { ...unsigned }],
    ["a numeric signature", { ...unsigned, signature: 1 }],
    ["a member JSON cannot carry", { ...signed, n: Number.NaN }],
  ])("rejects %s", (_name, body) => {
    expect(verifyDataSignature(body as typeof signed, PROVIDER_PUBLIC_KEY)).toBe(false);
  });

  it("rejects a body signed by someone else", () => {
    expect(verifyDataSignature({ ...unsigned, signature: signMessage(canonicalJson(unsigned), PARTNER_KEY) }, PROVIDER_PUBLIC_KEY)).toBe(false);
  });
});

describe("ocnRequest against a provider on a real socket", () => {
  let baseUrl = "";
  let lastRequest: { method: string; url: string; accepted: boolean } | null = null;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = new Headers(req.headers as Record<string, string>);
    // The provider sees the request target exactly as the client sent it.
    const accepted = providerAccepts({ headers, method: req.method!, pathAndQuery: req.url!, body });
    lastRequest = { method: req.method!, url: req.url!, accepted };
    const status = accepted ? 200 : 401;
    const responseBody = req.url!.includes("tamper") ? `{"ok":true,"tampered":1}` : JSON.stringify({ ok: accepted, echo: body || null, unicode: "é✓" });
    const signed = signedResponseHeaders(status, req.url!.includes("tamper") ? `{"ok":true}` : responseBody, "540", String(Math.floor(Date.now() / 1000)));
    res.writeHead(status, Object.fromEntries(signed.entries()));
    res.end(responseBody);
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/attest/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("POSTs a signed JSON body under the base URL's path prefix and checks the signed response", async () => {
    const result = await ocnRequest({
      baseUrl,
      path: "/kyc/validate?debug=1",
      body: { user_ocid: "12345", grants: ["name"] },
      ocid: 300,
      privateKeyHex: PARTNER_KEY,
      providerPublicKey: PROVIDER_PUBLIC_KEY,
      providerOcid: 540,
    });
    expect(lastRequest).toEqual({ method: "POST", url: "/attest/kyc/validate?debug=1", accepted: true });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ ok: true, echo: `{"user_ocid":"12345","grants":["name"]}`, unicode: "é✓" });
    expect(result.text).toBe(JSON.stringify(result.json));
    expect(result.responseSignatureValid).toBe(true);
  });

  it("GETs without a body and reports null when no provider key is given", async () => {
    const result = await ocnRequest({ baseUrl, path: "capabilities", ocid: "300", privateKeyHex: PARTNER_KEY });
    expect(lastRequest).toEqual({ method: "GET", url: "/attest/capabilities", accepted: true });
    expect(result.responseSignatureValid).toBeNull();
  });

  it("is refused when signed with the wrong key, and flags a tampered response", async () => {
    const wrong = await ocnRequest({ baseUrl, path: "/capabilities", ocid: 300, privateKeyHex: PROVIDER_KEY, providerPublicKey: PROVIDER_PUBLIC_KEY });
    expect(wrong.status).toBe(401);
    expect(wrong.responseSignatureValid).toBe(true); // the error itself is signed

    const tampered = await ocnRequest({ baseUrl, path: "/tamper", ocid: 300, privateKeyHex: PARTNER_KEY, providerPublicKey: PROVIDER_PUBLIC_KEY });
    expect(tampered.status).toBe(200);
    expect(tampered.responseSignatureValid).toBe(false);
  });

  it("sends a string body as-is and returns json null for a non-JSON reply", async () => {
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      const accepted = providerAccepts({ headers, method: init!.method!, pathAndQuery: url.pathname + url.search, body: String(init!.body) });
      expect(init!.body).toBe("{not json");
      return new Response(accepted ? "plain text" : "refused", { status: accepted ? 400 : 401 });
    };
    const result = await ocnRequest({ baseUrl, path: "/kyc/data", method: "POST", body: "{not json", ocid: 300, privateKeyHex: PARTNER_KEY, providerPublicKey: PROVIDER_PUBLIC_KEY, fetchImpl });
    expect(result).toMatchObject({ status: 400, text: "plain text", json: null, responseSignatureValid: false });
  });
});
