import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { databaseKind, getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { createAttestServer, type NextHandler } from "@/lib/http/attest-server";
import { MACHINE_API } from "@/lib/machine-api";
import { readiness } from "@/lib/http/health";
import { startExpirySweeps } from "@/lib/item-changes/expiry";
import { signRequestHeaders } from "@/lib/ocn/client";
import { createFundedAccount } from "../support/credentials";
import { createTestPartner, startMetadataServer, stopMetadataServer, type TestPartner } from "../support/ocn-partners";

/**
 * Operations on the production server (lib/http/attest-server.ts): the probes, the request
 * log line and the metrics, over a real socket, with the real machine routes and a stand-in
 * for Next that answers every page.
 */
let server: Server;
let base = "";
let partner: TestPartner;

const standInForNext: NextHandler = async (_request, response) => {
  response.writeHead(200, { "content-type": "text/plain" }).end("a page");
};

beforeAll(async () => {
  await startMetadataServer();
  partner = await createTestPartner();
  server = createAttestServer({ next: standInForNext, ...MACHINE_API });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await stopMetadataServer();
});

const savedEnv = { ...process.env };
afterEach(() => {
  for (const name of ["METRICS_TOKEN", "TRUST_PROXY"]) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  resetEnvForTests();
  vi.restoreAllMocks();
});

function withEnv(values: Record<string, string>): void {
  Object.assign(process.env, values);
  resetEnvForTests();
}

type LogLine = Record<string, unknown>;

/** The request log lines written while `work` ran, raw and parsed. */
async function logged(work: () => Promise<unknown>): Promise<{ raw: string; lines: LogLine[] }> {
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    if (text.includes('"event":"request"')) return void written.push(text), true;
    return write(chunk, ...(rest as []));
  });
  await work();
  // The line is written when the response's socket work is done, just after the client has it.
  await new Promise((resolve) => setTimeout(resolve, 50));
  vi.restoreAllMocks();
  return { raw: written.join(""), lines: written.join("").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as LogLine) };
}

describe("the probes", () => {
  it("answers /healthz with ok, uncached", async () => {
    const response = await fetch(`${base}/healthz`);
    expect([response.status, await response.json()]).toEqual([200, { status: "ok" }]);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers /readyz with ok once the database carries every migration", async () => {
    const response = await fetch(`${base}/readyz`);
    expect([response.status, await response.json()]).toEqual([200, { status: "ok" }]);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("is not ready when a migration this build ships is not applied", async () => {
    const db = await getDb();
    expect(await readiness(db)).toEqual({ ready: true });
    expect(await readiness(db, [Date.UTC(2099, 0, 1)])).toEqual({ ready: false, reason: "1 migration(s) not applied" });
  });

  it("answers HEAD on a probe as GET without the body", async () => {
    for (const probe of ["/healthz", "/readyz"]) {
      const response = await fetch(`${base}${probe}`, { method: "HEAD" });
      expect([response.status, await response.text()]).toEqual([200, ""]);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    }
  });

  it("answers another method on a probe with 405 in the envelope", async () => {
    const response = await fetch(`${base}/healthz`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(await response.json()).toMatchObject({ error: { code: "METHOD_NOT_ALLOWED" } });
  });
});

describe("the request log", () => {
  it("writes one JSON line per request with the route template, never the path, query or personal data", async () => {
    const { raw, lines } = await logged(async () => {
      const response = await fetch(`${base}/kyc/grant/918273?email=someone%40example.com&sig=c2lnbmF0dXJl`, { headers: { "X-Request-Id": "trace-1:a.b_c" } });
      expect(response.headers.get("x-request-id")).toBe("trace-1:a.b_c");
      await response.text();
    });
    expect(lines).toEqual([{ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), event: "request", request_id: "trace-1:a.b_c", method: "GET", route: "/kyc/grant/[ocid]", status: 200, duration_ms: expect.any(Number) }]);
    for (const leak of ["918273", "someone", "example.com", "@", "sig", "c2lnbmF0dXJl", "?"]) expect(raw).not.toContain(leak);
  });

  it("names templates for dynamic pages and routes, and a placeholder for unknown paths", async () => {
    const { raw, lines } = await logged(async () => {
      for (const path of ["/admin/cases/7f1e0c9a-1234", "/kyc/documents/doc-5531?exp=1&sig=abc", "/api/auth/callback/nodemailer", "/no/such/page-4471", "/_next/static/chunks/app-9931.js", "/icon.svg"]) await (await fetch(`${base}${path}`)).text();
    });
    expect(lines.map((line) => line.route)).toEqual(["/admin/cases/[userId]", "/kyc/documents/[id]", "/api/auth/[...nextauth]", "(unmatched)", "/_next/static/[...path]", "/icon.svg"]);
    for (const leak of ["7f1e0c9a", "doc-5531", "4471", "9931", "sig"]) expect(raw).not.toContain(leak);
  });

  it("generates a request id when the client sent none or one a log cannot carry", async () => {
    const { lines } = await logged(async () => {
      for (const id of [undefined, "has space", "x".repeat(129), "semi;colon"]) {
        const response = await fetch(`${base}/healthz`, { headers: id === undefined ? {} : { "X-Request-Id": id } });
        const line = response.headers.get("x-request-id");
        expect(line).toMatch(/^[0-9a-f-]{36}$/);
      }
    });
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("names the partner of an authenticated OCN request and the account of a Credentials API request", async () => {
    const { account, apiKey } = await createFundedAccount(5, { partner: false });
    const { lines } = await logged(async () => {
      const body = `{"user_ocid":999999999}`;
      const signature = signRequestHeaders({ ocid: partner.ocid, privateKeyHex: partner.privateKey, method: "POST", url: "/kyc/validate", body });
      expect((await fetch(`${base}/kyc/validate`, { method: "POST", headers: { ...signature, "content-type": "application/json" }, body })).status).toBe(404);
      expect((await fetch(`${base}/kyc/validate`, { method: "POST", body })).status).toBe(401);
      const verify = await fetch(`${base}/api/v1/verify`, { method: "POST", headers: { "x-api-key": apiKey, "content-type": "application/json" }, body: `{"email":"someone@example.com"}` });
      expect(verify.status).toBe(400);
    });
    expect(lines.map((line) => [line.route, line.status, line.partner_ocid, line.api_account])).toEqual([
      ["/kyc/validate", 404, partner.ocid, undefined],
      ["/kyc/validate", 401, undefined, undefined],
      ["/api/v1/verify", 400, undefined, account.id],
    ]);
  });

  it("logs the requests the server refuses itself", async () => {
    const { lines } = await logged(async () => {
      expect((await fetch(`${base}/kyc/grant/%zz`)).status).toBe(400);
    });
    expect(lines).toEqual([expect.objectContaining({ route: "(invalid)", status: 400, method: "GET" })]);
  });
});

describe("the metrics", () => {
  it("counts requests and their latency by route template, method and status, and the expiry sweep's runs", async () => {
    await fetch(`${base}/kyc/grant/55?sig=x`);
    await startExpirySweeps(await getDb());
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    expect(text).toMatch(/^attest_http_requests_total\{route="\/kyc\/grant\/\[ocid\]",method="GET",status="200"\} [1-9]/m);
    expect(text).toMatch(/^attest_http_request_duration_seconds_bucket\{le="0\.005",route="\/kyc\/grant\/\[ocid\]",method="GET",status="200"\} \d+/m);
    expect(text).toMatch(/^attest_job_duration_seconds_count\{job="expiry_sweep",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^attest_expiry_sweep_items_expired_total \d+/m);
    // This scrape itself is under way while it is counted.
    expect(text).toMatch(/^attest_http_requests_in_flight 1$/m);
    expect(text).toMatch(/^attest_process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^attest_nodejs_eventloop_lag_p99_seconds /m);
    // The query string (`?sig=x`) never becomes a label.
    expect(text).not.toContain("sig=");
    // PostgreSQL reports this process's connections; embedded PGlite has one in-process connection and no gauge.
    if ((await databaseKind()) === "postgres") {
      expect(text).toMatch(/^attest_db_pool_connections\{state="max"\} 10$/m);
      expect(text).toMatch(/^attest_db_pool_connections\{state="idle"\} \d+$/m);
    } else expect(text).not.toMatch(/^attest_db_pool_connections\{/m);
  });

  it("without METRICS_TOKEN, is there only for clients on this machine", async () => {
    withEnv({ TRUST_PROXY: "1" });
    const outsider = await fetch(`${base}/metrics`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect([outsider.status, await outsider.json()]).toEqual([404, { error: { code: "NOT_FOUND", message: expect.any(String) } }]);
    const local = await fetch(`${base}/metrics`, { headers: { "X-Forwarded-For": "127.0.0.1" } });
    expect(local.status).toBe(200);
  });

  it("with METRICS_TOKEN, asks every client for it as a bearer token", async () => {
    const token = "metrics-token-0123456789";
    withEnv({ METRICS_TOKEN: token });
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", `Basic ${token}`, token]) {
      const response = await fetch(`${base}/metrics`, { headers: authorization ? { authorization } : {} });
      expect([response.status, await response.json()]).toEqual([401, { error: { code: "UNAUTHORIZED", message: expect.any(String) } }]);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("attest_http_requests_total");
  });
});
