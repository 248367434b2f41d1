import type { Server } from "node:http";
import { connect, type AddressInfo } from "node:net";

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getEnv } from "@/lib/env";
import { createAttestServer, InFlight, type NextHandler } from "@/lib/http/attest-server";
import { MACHINE_ROUTES, OCN_MACHINE_ROUTES } from "@/lib/http/machine-routes";
import { signRequestHeaders, verifyResponseSignature } from "@/lib/ocn/client";
import { providerPublicKey } from "@/lib/ocn/provider";
import { createTestPartner, startMetadataServer, stopMetadataServer, type TestPartner } from "../support/ocn-partners";

/**
 * The production server's own handling (server.ts → lib/http/attest-server.ts), over real
 * sockets with hand-written requests, so a Host header can be as broken as a client makes
 * it: the machine routes still answer, in the envelope, signed on the OCN routes.
 */
type Raw = { status: number; headers: Record<string, string>; body: string };

let server: Server;
let port = 0;
let partner: TestPartner;
/** What Next was handed, per request: the stand-in records the origin headers it saw. */
const nextSaw: string[] = [];
const ORIGIN_HEADERS = ["host", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-attest-client-address"];

const standInForNext: NextHandler = async (request, response) => {
  if (request.url === "/next-fails") throw new Error("a page crashed");
  nextSaw.push(ORIGIN_HEADERS.map((name) => `${name}=${request.headers[name] ?? ""}`).join(" "));
  const body = JSON.stringify({ page: request.url, host: request.headers.host });
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
};

const failingRoutes = {
  ...MACHINE_ROUTES,
  "GET /kyc/fails": async () => {
    throw new Error("a handler crashed");
  },
  "GET /api/v1/fails": async () => {
    throw new Error("a handler crashed");
  },
};

beforeAll(async () => {
  await startMetadataServer();
  partner = await createTestPartner();
  server = createAttestServer({ next: standInForNext, routes: failingRoutes, ocnRoutes: new Set([...OCN_MACHINE_ROUTES, "GET /kyc/fails"]) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await stopMetadataServer();
});

/** Sends exactly these bytes and reads one response (by Content-Length, or to the close). */
function raw(request: string | Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no response to ${JSON.stringify(request.toString("latin1").slice(0, 200))}`));
    }, 10_000);
    const parse = (final: boolean) => {
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return final ? fail() : undefined;
      const [statusLine, ...lines] = received.subarray(0, end).toString("latin1").split("\r\n");
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      let body: Buffer = received.subarray(end + 4);
      if (headers["transfer-encoding"] === "chunked") {
        if (!body.toString("latin1").endsWith("0\r\n\r\n") && !final) return;
        body = dechunk(body);
      } else {
        const length = headers["content-length"] === undefined ? null : Number(headers["content-length"]);
        if (length !== null ? body.length < length : !final) return;
        body = body.subarray(0, length ?? body.length);
      }
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(statusLine!.split(" ")[1]), headers, body: body.toString("utf8") });
    };
    const fail = () => {
      clearTimeout(timer);
      reject(new Error(`connection closed without a response to ${JSON.stringify(request.toString("latin1").slice(0, 200))}`));
    };
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      parse(false);
    });
    socket.on("end", () => parse(true));
    socket.on("error", () => parse(true));
    socket.write(typeof request === "string" ? Buffer.from(request, "latin1") : request);
  });
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", offset);
    const size = lineEnd < 0 ? 0 : parseInt(body.subarray(offset, lineEnd).toString("latin1"), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/** A request for `path` with these header lines (a null Host sends none), signed by the test partner when asked. */
function requestBytes(p: { method?: string; path: string; host: string | null; signed?: boolean; body?: string; extra?: string[] }): string {
  const method = p.method ?? (p.body === undefined ? "GET" : "POST");
  const lines = [`${method} ${p.path} HTTP/1.1`];
  if (p.host !== null) lines.push(`Host: ${p.host}`);
  if (p.signed) {
    const signature = signRequestHeaders({ ocid: partner.ocid, privateKeyHex: partner.privateKey, method, url: p.path, body: p.body });
    for (const [name, value] of Object.entries(signature)) lines.push(`${name}: ${value}`);
  }
  if (p.body !== undefined) lines.push("Content-Type: application/json", `Content-Length: ${Buffer.byteLength(p.body)}`);
  lines.push(...(p.extra ?? []), "Connection: close");
  return `${lines.join("\r\n")}\r\n\r\n${p.body ?? ""}`;
}

function signedByProvider(response: Raw): boolean {
  return verifyResponseSignature({ status: response.status, headers: new Headers(response.headers), body: response.body, providerPublicKey: providerPublicKey(), providerOcid: getEnv().ocid });
}

const envelope = (code: string) => ({ error: { code, message: expect.any(String) } });

const BAD_HOSTS = [
  { name: "a space", host: "a b" },
  { name: "a port above 65535", host: "localhost:99999" },
  { name: "an empty value", host: "" },
  { name: "no Host header at all", host: null },
  { name: "a path in it", host: "evil.example/kyc" },
  { name: "user info", host: "user@evil.example" },
  { name: "a broken IPv6 literal", host: "[::zz]:80" },
  { name: "a non-numeric port", host: "localhost:http" },
  { name: "bytes beyond ASCII", host: "\xe9vil.example" },
];

describe("the production server with a malformed Host", () => {
  it.each(BAD_HOSTS)("answers a signed /capabilities normally when the Host has $name", async ({ host }) => {
    const response = await raw(requestBytes({ path: "/capabilities", host, signed: true }));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ocid: getEnv().ocid, name: "Attest" });
    expect(signedByProvider(response)).toBe(true);
  });

  it.each(BAD_HOSTS)("answers an unsigned /kyc/validate with a signed INVALID_SIGNATURE when the Host has $name", async ({ host }) => {
    const response = await raw(requestBytes({ path: "/kyc/validate", host, body: `{"user_ocid":1}` }));
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual(envelope("INVALID_SIGNATURE"));
    expect(signedByProvider(response)).toBe(true);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers a POST /kyc/validate whose signature covers the path, whatever the Host", async () => {
    const body = `{"user_ocid":999999999}`;
    const response = await raw(requestBytes({ path: "/kyc/validate", host: "a b", signed: true, body }));
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toEqual(envelope("USER_NOT_FOUND"));
    expect(signedByProvider(response)).toBe(true);
  });

  it("hands Next PUBLIC_URL's host and scheme whatever Host and forwarding headers arrive", async () => {
    const { publicUrl } = getEnv();
    const pinned = `host=${publicUrl.host} x-forwarded-host=${publicUrl.host} x-forwarded-proto=http x-forwarded-port=${publicUrl.port} forwarded= x-attest-client-address=127.0.0.1`;
    nextSaw.length = 0;
    for (const { host } of BAD_HOSTS) expect((await raw(requestBytes({ path: "/account", host }))).status).toBe(200);
    const forged = ["X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https", "X-Forwarded-Port: 1", "Forwarded: host=evil.example", "X-Forwarded-For: 203.0.113.9", "X-Attest-Client-Address: 203.0.113.9"];
    expect((await raw(requestBytes({ path: "/account", host: "attest.example:8443", extra: forged }))).status).toBe(200);
    expect(nextSaw).toEqual([...BAD_HOSTS.map(() => pinned), pinned]);
  });
});

describe("the production server's own error answers", () => {
  it("answers a request Node cannot parse with 400 INVALID_REQUEST in the envelope", async () => {
    for (const bytes of ["GARBAGE\r\n\r\n", "GET /capabilities HTTP/1.1\r\nHost: a\r\nX-Bad\x01Name: 1\r\n\r\n", "GET /capabilities HTTP/1.1\r\nHost: a\r\nX-Bad: a\x00b\r\n\r\n", "GET / HTTP/9.9\r\n\r\n"]) {
      const response = await raw(bytes);
      expect(response.status).toBe(400);
      expect(response.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(response.body)).toEqual(envelope("INVALID_REQUEST"));
    }
  });

  it("answers headers over Node's limit with 400 INVALID_REQUEST in the envelope", async () => {
    const response = await raw(requestBytes({ path: "/capabilities", host: "a", extra: [`X-Pad: ${"x".repeat(20_000)}`] }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual(envelope("INVALID_REQUEST"));
  });

  it("answers an unknown Expect instead of a bare 417", async () => {
    const response = await raw(requestBytes({ path: "/kyc/validate", host: "a", body: "{}", extra: ["Expect: teapot"] }));
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual(envelope("INVALID_SIGNATURE"));
    expect(signedByProvider(response)).toBe(true);
  });

  it("turns a crash in an OCN handler into a signed 500 envelope, and in another handler into an unsigned one", async () => {
    const ocn = await raw(requestBytes({ path: "/kyc/fails", host: "a" }));
    expect([ocn.status, JSON.parse(ocn.body)]).toEqual([500, envelope("INTERNAL_ERROR")]);
    expect(signedByProvider(ocn)).toBe(true);
    const api = await raw(requestBytes({ path: "/api/v1/fails", host: "a" }));
    expect([api.status, JSON.parse(api.body)]).toEqual([500, envelope("INTERNAL_ERROR")]);
    expect(api.headers["x-oc-signature"]).toBeUndefined();
  });

  it("turns a crash in Next's handler into a 500 envelope", async () => {
    const response = await raw(requestBytes({ path: "/next-fails", host: "a" }));
    expect([response.status, JSON.parse(response.body)]).toEqual([500, envelope("INTERNAL_ERROR")]);
  });

  it("refuses a foreign-origin form post with 403 in the envelope", async () => {
    const response = await raw(requestBytes({ path: "/account", host: "a b", body: "x=1", extra: ["Origin: https://evil.example"] }));
    expect([response.status, JSON.parse(response.body)]).toEqual([403, envelope("FORBIDDEN")]);
  });
});

describe("the production server under header junk", () => {
  const latin1 = (min: number, max: number, maxLength: number) => fc.string({ unit: fc.integer({ min, max }).map((code) => String.fromCharCode(code)), maxLength });
  const name = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("Host", "host", "HOST") },
    { weight: 3, arbitrary: fc.constantFrom("X-OC-ID", "X-OC-Timestamp", "X-OC-Nonce", "X-OC-Signature", "Origin", "Next-Action", "Content-Type", "Connection", "Upgrade", "Expect", "Cookie", "X-Forwarded-Host", "X-API-Key") },
    { weight: 1, arbitrary: fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/) },
    { weight: 1, arbitrary: latin1(0x00, 0xff, 12).filter((text) => !/[\r\n:]/.test(text)) },
  );
  // Mostly printable, sometimes control bytes the parser must refuse; never a line break
  // (that would only make another header) and never a body length (that would wait for a body).
  const value = fc.oneof({ weight: 4, arbitrary: latin1(0x20, 0xff, 60) }, { weight: 1, arbitrary: latin1(0x00, 0xff, 30).filter((text) => !/[\r\n]/.test(text)) });
  const header = fc.tuple(name, value).filter(([headerName]) => !/^(content-length|transfer-encoding)$/i.test(headerName.trim()));
  const target = fc.constantFrom(...Object.keys(MACHINE_ROUTES), "GET /", "GET /account", "POST /account", "GET /metadata.json");

  it("never answers 500, always in the envelope on errors, and signs whatever an OCN route answers", async () => {
    await fc.assert(
      fc.asyncProperty(target, fc.array(header, { maxLength: 8 }), async (route, headers) => {
        const [method, path] = route.split(" ") as [string, string];
        const body = method === "POST" ? `{"user_ocid":1}` : "";
        const lines = [`${method} ${path} HTTP/1.1`, ...headers.map(([headerName, headerValue]) => `${headerName}: ${headerValue}`)];
        if (body) lines.push(`Content-Length: ${body.length}`);
        const response = await raw(`${lines.join("\r\n")}\r\n\r\n${body}`);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(JSON.parse(response.body)).toEqual(envelope(expect.any(String) as unknown as string));
        // The parser's own refusals (400) come before any route is known, so they alone are unsigned.
        const refusedByParser = response.status === 400 && response.headers["x-oc-signature"] === undefined;
        if (OCN_MACHINE_ROUTES.has(route) && !refusedByParser) expect(signedByProvider(response)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe("InFlight", () => {
  it("counts a request until its handler is done, even when the client has gone away", async () => {
    const inFlight = new InFlight();
    let finish!: () => void;
    const slow = new Promise<void>((resolve) => (finish = resolve));
    const routes = { "POST /kyc/slow": async () => (await slow, Response.json({ done: true })) };
    const server = createAttestServer({ next: standInForNext, routes, ocnRoutes: new Set(), inFlight });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
      await new Promise<void>((resolve) => socket.once("connect", resolve));
      socket.write("POST /kyc/slow HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
      await expect.poll(() => inFlight.count).toBe(1);
      socket.destroy();
      let idle = false;
      const waited = inFlight.idle().then(() => (idle = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect([inFlight.count, idle]).toEqual([1, false]);
      finish();
      await waited;
      expect(inFlight.count).toBe(0);
    } finally {
      server.close();
    }
  });
});
