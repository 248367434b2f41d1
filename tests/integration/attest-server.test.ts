import type { Server } from "node:http";
import { connect, type AddressInfo } from "node:net";

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { getEnv } from "@/lib/env";
import { createAttestServer, InFlight, type NextHandler } from "@/lib/http/attest-server";
import { MACHINE_ROUTES, OCN_MACHINE_ROUTES } from "@/lib/http/machine-routes";
import { MACHINE_API, MACHINE_HANDLERS } from "@/lib/machine-api";
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
  ...MACHINE_HANDLERS,
  "GET /kyc/fails": async () => {
    throw new Error("a handler crashed");
  },
  "GET /api/v1/fails": async () => {
    throw new Error("a handler crashed");
  },
};

beforeAll(async () => {
  // The request log line of each of the many requests here says nothing these tests check.
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => (String(chunk).includes('"event":"request"') ? true : write(chunk, ...(rest as []))));
  await startMetadataServer();
  partner = await createTestPartner();
  server = createAttestServer({ next: standInForNext, ...MACHINE_API, routes: failingRoutes, ocnRoutes: new Set([...OCN_MACHINE_ROUTES, "GET /kyc/fails"]) });
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

  it("answers a body over 64 KiB with a signed 413 and closes the connection, declared or not", async () => {
    const body = JSON.stringify({ user_ocid: 1, pad: "x".repeat(70_000) });
    const sent = await raw(requestBytes({ path: "/kyc/validate", host: "a", signed: true, body }));
    // Declared but never sent: answered at once, without waiting for a body that is refused anyway.
    const headers = Object.entries(signRequestHeaders({ ocid: partner.ocid, privateKeyHex: partner.privateKey, method: "POST", url: "/kyc/validate", body: "{" }));
    const declared = await raw(`POST /kyc/validate HTTP/1.1\r\nHost: a\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")}Content-Length: 100000\r\n\r\n{`);
    const chunked = await raw(`POST /api/v1/verify HTTP/1.1\r\nHost: a\r\nX-API-Key: x\r\nTransfer-Encoding: chunked\r\n\r\n${(70_000).toString(16)}\r\n${"x".repeat(70_000)}\r\n0\r\n\r\n`);
    for (const response of [sent, declared]) {
      expect([response.status, JSON.parse(response.body), response.headers.connection]).toEqual([413, envelope("PAYLOAD_TOO_LARGE"), "close"]);
      expect(signedByProvider(response)).toBe(true);
    }
    // The API key is checked before the body is read: a bad one is 401 whatever the body.
    expect([chunked.status, JSON.parse(chunked.body)]).toEqual([401, envelope("UNAUTHORIZED")]);
  });

  it("hands a handler the body exactly as sent, in one piece or in chunks", async () => {
    const body = JSON.stringify({ user_ocid: 999999999, pad: "é".repeat(20_000) });
    const signature = signRequestHeaders({ ocid: partner.ocid, privateKeyHex: partner.privateKey, method: "POST", url: "/kyc/validate", body });
    const head = ["POST /kyc/validate HTTP/1.1", "Host: a", ...Object.entries(signature).map(([name, value]) => `${name}: ${value}`), "Content-Type: application/json", "Transfer-Encoding: chunked", "Connection: close"];
    const bytes = Buffer.from(body, "utf8");
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 30_001), bytes.subarray(30_001)].map((chunk) => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]));
    const response = await raw(Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`), ...chunks, Buffer.from("0\r\n\r\n")]));
    expect([response.status, JSON.parse(response.body)]).toEqual([404, envelope("USER_NOT_FOUND")]);
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

describe("the production server with request targets Next cannot take", () => {
  const EDGE_REQUESTS = [
    { name: "OPTIONS *", bytes: "OPTIONS * HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" },
    { name: "GET *", bytes: "GET * HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" },
    { name: "an authority-form target", bytes: "GET example.com:443 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" },
    { name: "a lone % in a document path", bytes: requestBytes({ path: "/kyc/documents/%", host: "a" }) },
    { name: "%zz in a grant path", bytes: requestBytes({ path: "/kyc/grant/%zz", host: "a" }) },
    { name: "a truncated UTF-8 sequence", bytes: requestBytes({ path: "/account/documents/%E0%A4%A", host: "a" }) },
    { name: "an invalid UTF-8 byte", bytes: requestBytes({ path: "/kyc/documents/%FF?exp=1&sig=x", host: "a" }) },
    { name: "bad percent-encoding on a machine route", bytes: requestBytes({ path: "/kyc/valid%ate", host: "a", body: "{}" }) },
  ];

  it.each(EDGE_REQUESTS)("answers $name with 400 INVALID_REQUEST in the envelope, without Next", async ({ bytes }) => {
    nextSaw.length = 0;
    const response = await raw(bytes);
    expect([response.status, JSON.parse(response.body)]).toEqual([400, envelope("INVALID_REQUEST")]);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(nextSaw).toEqual([]);
  });

  it("takes an absolute-form target as its path, the signature covering the path", async () => {
    const signature = signRequestHeaders({ ocid: partner.ocid, privateKeyHex: partner.privateKey, method: "GET", url: "/capabilities" });
    const headers = Object.entries(signature).map(([headerName, headerValue]) => `${headerName}: ${headerValue}\r\n`).join("");
    const response = await raw(`GET http://evil.example/capabilities HTTP/1.1\r\nHost: evil.example\r\n${headers}Connection: close\r\n\r\n`);
    expect(response.status).toBe(200);
    expect(signedByProvider(response)).toBe(true);
  });

  const NEAR_MISSES = [
    { name: "a doubled slash", method: "POST", path: "//kyc/validate", status: 404, code: "NOT_FOUND" },
    { name: "a trailing slash", method: "POST", path: "/kyc/validate/", status: 404, code: "NOT_FOUND" },
    { name: "another case", method: "POST", path: "/KYC/Data", status: 404, code: "NOT_FOUND" },
    { name: "a trailing slash on a GET route", method: "GET", path: "/capabilities/", status: 404, code: "NOT_FOUND" },
    { name: "GET on a POST route", method: "GET", path: "/kyc/validate", status: 405, code: "METHOD_NOT_ALLOWED", allow: "POST" },
    { name: "PUT on a POST route", method: "PUT", path: "/kyc/data", status: 405, code: "METHOD_NOT_ALLOWED", allow: "POST" },
    { name: "DELETE on a GET route", method: "DELETE", path: "/capabilities", status: 405, code: "METHOD_NOT_ALLOWED", allow: "GET" },
    { name: "OPTIONS on a POST route", method: "OPTIONS", path: "/kyc/data", status: 405, code: "METHOD_NOT_ALLOWED", allow: "POST" },
  ];

  it.each(NEAR_MISSES)("answers an OCN request with $name in a signed envelope, not Next's redirect or empty 405", async ({ method, path, status, code, allow }) => {
    nextSaw.length = 0;
    const body = method === "POST" || method === "PUT" ? `{"user_ocid":1}` : undefined;
    const response = await raw(requestBytes({ method, path, host: "a", signed: true, body }));
    expect([response.status, JSON.parse(response.body)]).toEqual([status, envelope(code)]);
    expect(signedByProvider(response)).toBe(true);
    expect(response.headers.allow).toBe(allow);
    expect(nextSaw).toEqual([]);
  });

  it("still hands Next the paths that only look alike", async () => {
    nextSaw.length = 0;
    for (const [method, path] of [["GET", "/kyc"], ["GET", "/kyc/validated"], ["GET", "/kyc/grant/12"]] as const) {
      expect((await raw(requestBytes({ method, path, host: "a" }))).status).toBe(200);
    }
    expect(nextSaw).toHaveLength(3);
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
  // Path characters, well-formed escapes, and the broken ones (a lone %, non-hex digits, cut or invalid UTF-8).
  const pathPiece = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@/-]{1,8}$/),
    fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, "0")}`),
    fc.constantFrom("%", "%z", "%zz", "%4", "%E0%A4%A", "%C3", "%FF", "%25", "%2F", "%00", "%u0041"),
  );
  const junkPath = fc.tuple(fc.constantFrom("/", "/kyc/", "/kyc/documents/", "/kyc/grant/", "/account/documents/", "/api/v1/", "//"), fc.array(pathPiece, { maxLength: 6 }), fc.constantFrom("", "?sig=%", "?exp=%zz&sig=1"));

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

  it("never answers 500 to a path with percent-encoded junk, and 400 in the envelope when it does not decode", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("GET", "POST", "PUT", "OPTIONS"), junkPath, async (method, [prefix, pieces, query]) => {
        const path = prefix + pieces.join("");
        const body = method === "GET" || method === "OPTIONS" ? undefined : "{}";
        const response = await raw(requestBytes({ method, path: path + query, host: "a", body }));
        expect(response.status).toBeLessThan(500);
        let decodes = true;
        try {
          decodeURIComponent(path);
        } catch {
          decodes = false;
        }
        if (!decodes) expect([response.status, JSON.parse(response.body)]).toEqual([400, envelope("INVALID_REQUEST")]);
        else if (response.status >= 400) expect(JSON.parse(response.body)).toEqual(envelope(expect.any(String) as unknown as string));
      }),
      { numRuns: 100 },
    );
  });
});

describe("InFlight", () => {
  it("counts a request until its handler is done, even when the client has gone away", async () => {
    const inFlight = new InFlight();
    let finish!: () => void;
    const slow = new Promise<void>((resolve) => (finish = resolve));
    const routes = { "POST /kyc/slow": async () => (await slow, Response.json({ done: true })) };
    const server = createAttestServer({ next: standInForNext, ...MACHINE_API, routes, ocnRoutes: new Set(), inFlight });
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
