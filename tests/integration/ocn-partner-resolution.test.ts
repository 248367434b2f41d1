import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { GET as capabilities } from "@/app/capabilities/route";
import { GET as partnerIcon } from "@/app/kyc/grant/[ocid]/icon/route";
import { getDb } from "@/lib/db/client";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { ITEMS } from "@/lib/items/items";
import { verifyResponseSignature } from "@/lib/ocn/client";
import { signMetadataConfig } from "@/lib/ocn/metadata";
import { findPartner } from "@/lib/ocn/partners";
import { providerPublicKey } from "@/lib/ocn/provider";
import { takeRateLimit } from "@/lib/security/rate-limit";
import { generatePrivateKey, publicKeyFromPrivate } from "@/lib/ocn/secp256k1";
import { uniquePartnerOcid } from "../support/factories";
import { signedMetadata, signedRequest } from "../support/ocn-partners";

/**
 * SPEC §2 "Partner resolution" through OCN_INDEX_URL: an OCID nobody registered is looked
 * up in the index, its metadata fetched (http only to loopback outside production, 5 s
 * timeout, no redirects), schema-checked and signature-verified, and both answers are
 * cached for five minutes. One loopback server plays the index and the partners' hosts,
 * counting every request it receives per path.
 */
type Route = (request: IncomingMessage, response: ServerResponse) => void;
const routes = new Map<string, Route>();
const hits = new Map<string, number>();
let server: Server;
let base = "";
const originalIndexUrl = process.env.OCN_INDEX_URL;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (route) return route(request, response);
    response.writeHead(404, { "content-type": "application/json" }).end(`{"error":"not found"}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.OCN_INDEX_URL = `${base}/index/`;
  resetEnvForTests();
});

afterAll(async () => {
  if (originalIndexUrl === undefined) delete process.env.OCN_INDEX_URL;
  else process.env.OCN_INDEX_URL = originalIndexUrl;
  resetEnvForTests();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  vi.restoreAllMocks();
});

const json = (status: number, body: unknown): Route => (_request, response) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
};

/** An unregistered OCID the index maps to `metadataUrl` (on the loopback server unless given). */
function indexed(metadata: Route | { url: string }) {
  const ocid = uniquePartnerOcid();
  const privateKey = generatePrivateKey();
  const metadataPath = `/meta/${ocid}.json`;
  const metadataUrl = "url" in metadata ? metadata.url : `${base}${metadataPath}`;
  if (!("url" in metadata)) routes.set(metadataPath, metadata);
  routes.set(`/index/ocid/${ocid}`, json(200, { metadataUrl }));
  return { ocid, privateKey, metadataPath, indexPath: `/index/ocid/${ocid}` };
}

async function call(caller: { ocid: number; privateKey: string }, options: { signingKey?: string; override?: Record<string, string> } = {}) {
  const response = await capabilities(signedRequest(caller, { path: "/capabilities", ...options }));
  const text = await response.text();
  // Every answer, errors included, is signed by this provider.
  expect(verifyResponseSignature({ status: response.status, headers: response.headers, body: text, providerPublicKey: providerPublicKey(), providerOcid: getEnv().ocid })).toBe(true);
  return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
}

const envelope = (code: string) => ({ error: { code, message: expect.any(String) } });

describe("partners resolved through OCN_INDEX_URL", () => {
  it("authenticates an unregistered OCID whose index entry leads to metadata signed by its key", async () => {
    const partner = indexed((request, response) => json(200, signedMetadata(partner.privateKey))(request, response));
    const answer = await call(partner);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ocid: getEnv().ocid, name: "Attest", capabilities: ["kyc.grant", "kyc.validate", "kyc.data"], supported_grants: [...ITEMS] });
    expect(hits.get(partner.indexPath)).toBe(1);
    expect(hits.get(partner.metadataPath)).toBe(1);
  });

  it("trusts only the key the metadata publishes", async () => {
    const partner = indexed((request, response) => json(200, signedMetadata(partner.privateKey))(request, response));
    expect(await call(partner, { signingKey: generatePrivateKey() })).toEqual({ status: 401, json: envelope("INVALID_SIGNATURE") });
  });

  it("caches the index answer and the metadata for five minutes, then fetches them again", async () => {
    const partner = indexed((request, response) => json(200, signedMetadata(partner.privateKey))(request, response));
    expect((await call(partner)).status).toBe(200);
    expect((await call(partner)).status).toBe(200);
    expect([hits.get(partner.indexPath), hits.get(partner.metadataPath)]).toEqual([1, 1]);

    // Everything that reads the clock (request timestamps, the cache, response signing) moves together.
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + 4 * 60 * 1000);
    expect((await call(partner)).status).toBe(200);
    expect([hits.get(partner.indexPath), hits.get(partner.metadataPath)]).toEqual([1, 1]);

    vi.spyOn(Date, "now").mockImplementation(() => realNow() + 5 * 60 * 1000 + 1000);
    expect((await call(partner)).status).toBe(200);
    expect([hits.get(partner.indexPath), hits.get(partner.metadataPath)]).toEqual([2, 2]);
  });

  it.each([
    { name: "the index has no entry (404)", answer: json(404, { error: "unknown" }) },
    { name: "the index answers without a metadataUrl", answer: json(200, { metadata: "https://gateway.example/metadata.json" }) },
    { name: "the index answers something that is not JSON", answer: json(200, "<html>") },
  ])("UNKNOWN_OCID when $name, and the miss is cached", async ({ answer }) => {
    const ocid = uniquePartnerOcid();
    const indexPath = `/index/ocid/${ocid}`;
    routes.set(indexPath, answer);
    const caller = { ocid, privateKey: generatePrivateKey() };
    expect(await call(caller)).toEqual({ status: 401, json: envelope("UNKNOWN_OCID") });
    expect(await call(caller)).toEqual({ status: 401, json: envelope("UNKNOWN_OCID") });
    expect(hits.get(indexPath)).toBe(1);
  });

  it("refuses a plain-http metadata URL outside the loopback names without fetching it", async () => {
    // The IPv4-mapped form reaches this same loopback server, so a request would be counted;
    // it is not one of the loopback names plain http is allowed to, like any other host.
    const path = `/meta/${crypto.randomUUID()}.json`;
    const privateKey = generatePrivateKey();
    routes.set(path, json(200, signedMetadata(privateKey)));
    const partner = { ...indexed({ url: `http://[::ffff:127.0.0.1]:${new URL(base).port}${path}` }), privateKey };
    expect(await call(partner)).toEqual({ status: 502, json: envelope("METADATA_UNAVAILABLE") });
    expect(hits.get(path)).toBeUndefined();
  });

  it("does not follow a redirect from the metadata URL", async () => {
    const target = `/meta/${crypto.randomUUID()}.json`;
    const partner = indexed((_request, response) => response.writeHead(302, { location: `${base}${target}` }).end());
    routes.set(target, json(200, signedMetadata(partner.privateKey)));
    expect(await call(partner)).toEqual({ status: 502, json: envelope("METADATA_UNAVAILABLE") });
    expect(hits.get(partner.metadataPath)).toBe(1);
    expect(hits.get(target)).toBeUndefined();
  });

  it("gives up on metadata that never answers after the 5 s timeout", async () => {
    // One host never sends headers, the other sends headers and never finishes the body.
    const silent = indexed(() => {});
    const trickle = indexed((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write(`{"opencharge":"0.1",`);
    });
    const started = performance.now();
    const answers = await Promise.all([call(silent), call(trickle)]);
    const elapsed = performance.now() - started;
    expect(answers).toEqual([
      { status: 502, json: envelope("METADATA_UNAVAILABLE") },
      { status: 502, json: envelope("METADATA_UNAVAILABLE") },
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(4_900);
    expect(elapsed).toBeLessThan(6_500);
  }, 10_000);

  const key = generatePrivateKey();
  const config = { publicKey: publicKeyFromPrivate(key), endpoint: "https://gateway.example", capabilities: ["kyc.consumer"] };
  it.each([
    { name: "valid JSON missing config", metadata: { opencharge: "0.1", name: "Gateway", signature: "00".repeat(65) } },
    { name: "a public key that is not a curve point", metadata: { ...signedMetadata(key), config: { ...config, publicKey: "ff".repeat(64) } } },
    { name: "an endpoint that is not a URL", metadata: { ...signedMetadata(key), config: { ...config, endpoint: "gateway" } } },
    { name: "a signature over another config", metadata: signedMetadata(key, { badSignature: true }) },
    { name: "a config signed by another key", metadata: { ...signedMetadata(key), signature: signMetadataConfig(config, generatePrivateKey()) } },
    { name: "a declared body over 64 KiB", metadata: { ...signedMetadata(key), contact: "x".repeat(70_000) } },
    { name: "not JSON", metadata: "{opencharge:" },
  ])("METADATA_UNAVAILABLE for $name", async ({ metadata }) => {
    const partner = { ...indexed(json(200, metadata)), privateKey: key };
    expect(await call(partner)).toEqual({ status: 502, json: envelope("METADATA_UNAVAILABLE") });
  });

  it("stops reading metadata sent in chunks once it passes 64 KiB", async () => {
    const metadata = JSON.stringify({ ...signedMetadata(key), contact: "x".repeat(70_000) });
    const partner = {
      ...indexed((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" }); // no Content-Length: chunked
        response.write(metadata.slice(0, 30_000));
        response.end(metadata.slice(30_000));
      }),
      privateKey: key,
    };
    expect(await call(partner)).toEqual({ status: 502, json: envelope("METADATA_UNAVAILABLE") });
  });

  it("does not cache metadata that failed: the next request fetches it again", async () => {
    let good = false;
    const partner = indexed((request, response) => (good ? json(200, signedMetadata(partner.privateKey)) : json(500, "oops"))(request, response));
    expect(await call(partner)).toEqual({ status: 502, json: envelope("METADATA_UNAVAILABLE") });
    good = true;
    expect((await call(partner)).status).toBe(200);
    expect(hits.get(partner.metadataPath)).toBe(2);
  });
});

describe("who may make Attest ask the index", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, ATTEST_ENV: process.env.ATTEST_ENV, OCN_OCID: process.env.OCN_OCID };
  afterEach(() => {
    const env = process.env as Record<string, string | undefined>;
    for (const [name, value] of Object.entries(saved)) if (value === undefined) delete env[name]; else env[name] = value;
    resetEnvForTests();
  });

  it("not a caller whose X-OC-Signature is hex but no signature (r = 0)", async () => {
    const partner = indexed((request, response) => json(200, signedMetadata(partner.privateKey))(request, response));
    const answer = await call(partner, { override: { "X-OC-Signature": "00".repeat(32) + "11".repeat(32) } });
    expect(answer).toEqual({ status: 401, json: envelope("INVALID_SIGNATURE") });
    expect(hits.get(partner.indexPath)).toBeUndefined();
  });

  it("not an unsigned request for a partner's icon", async () => {
    const partner = indexed((request, response) => json(200, signedMetadata(partner.privateKey))(request, response));
    const response = await partnerIcon(new Request(`http://127.0.0.1/kyc/grant/${partner.ocid}/icon`), { params: Promise.resolve({ ocid: String(partner.ocid) }) });
    expect(response.status).toBe(404);
    expect(hits.get(partner.indexPath)).toBeUndefined();
  });

  it("not more than ten times per OCID in five minutes", async () => {
    const partner = indexed((request, response) => json(200, signedMetadata(partner.privateKey))(request, response));
    const db = await getDb();
    for (let i = 0; i < 10; i++) await takeRateLimit(db, `ocn-index:${partner.ocid}`, { limit: 10, windowMs: 5 * 60 * 1000 });
    expect(await call(partner)).toEqual({ status: 401, json: envelope("UNKNOWN_OCID") });
    expect(hits.get(partner.indexPath)).toBeUndefined();
  });

  it("in production, never an index on an internal address", async () => {
    const partner = indexed((request, response) => json(200, signedMetadata(partner.privateKey))(request, response));
    Object.assign(process.env, { NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540" });
    resetEnvForTests();
    expect(await findPartner(await getDb(), partner.ocid, { index: "look-up" })).toBeNull();
    expect(hits.get(partner.indexPath)).toBeUndefined();
  });
});
