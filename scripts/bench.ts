/**
 * `npm run bench` (SPEC §12): the production build on a fresh data
 * directory, loaded with users and partners, driven by autocannon with
 * signed requests (a fresh nonce each), on embedded PGlite and on
 * PostgreSQL; and, in the same run, the ceiling — a bare node:http server
 * doing only the same signature work — so every figure is a ratio to it.
 *
 * OCN: /kyc/validate and /kyc/data, signed by the bench partners.
 * Credentials API: /api/v1/verify with the loaded account's X-API-Key over a
 * pool of credentials issued through the API during set-up, and
 * /api/v1/issue with a bearer token from /api/v1/tokens (renewed at half its
 * lifetime), for the people who granted the account's partner their Tier1 items.
 *
 * Settings (environment): BENCH_USERS (3000), BENCH_PARTNERS (20),
 * BENCH_SECONDS (10), BENCH_CONNECTIONS (16).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";

import autocannon from "autocannon";

import { generateKeySet } from "../lib/keys";
import { signRequestHeaders } from "../lib/ocn/client";
import { signMetadataConfig } from "../lib/ocn/metadata";
import { buildIfNeeded } from "./build-if-needed";
import {
  benchPartner,
  benchUserOcid,
  DATA_GRANTS,
  issuableUserIndexes,
  issueRequestFor,
  partnerIndexOf,
  VALIDATE_GRANTS,
} from "./bench/fixtures";
import { createDatabase, findPostgresBin, startPostgres } from "./postgres-server";
import { SERVER_ARGS } from "./server-command";

const USERS = Number(process.env.BENCH_USERS ?? 3000);
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const TSX = ["--conditions=react-server", "--import", "tsx"];

const ALL_ENDPOINTS = ["/kyc/validate", "/kyc/data", "/api/v1/verify", "/api/v1/issue"] as const;
type Endpoint = (typeof ALL_ENDPOINTS)[number];
// For looking into one endpoint: BENCH_ENDPOINTS=/kyc/validate, BENCH_DATABASES=postgres,
// and BENCH_CPU_PROFILE=dir to write the Attest server's V8 CPU profile there.
const ENDPOINTS = ALL_ENDPOINTS.filter((endpoint) => !process.env.BENCH_ENDPOINTS || process.env.BENCH_ENDPOINTS.split(",").includes(endpoint));
const DATABASES = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE ? path.resolve(process.env.BENCH_CPU_PROFILE) : null;
/** Credentials issued in set-up and verified over and over during the run. */
const VERIFY_POOL = 64;

type Row = { target: string; endpoint: Endpoint; requests: number; p50: number; p99: number; rssMb: number; non2xx: number; ceiling: Row | null };

/** The next request of a run: built synchronously, as autocannon asks for it. */
type NextRequest = () => { body: string; headers: Record<string, string> };

function wait(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Serves every bench partner's signed metadata, as partners do on the OCN. */
async function startMetadataServer(): Promise<{ base: string; server: Server }> {
  const server = createServer((request, response) => {
    const ocid = Number(/^\/partner\/(\d+)\.json$/.exec(request.url ?? "")?.[1]);
    const index = ocid - benchPartner(0).ocid;
    if (!(index >= 0 && index < PARTNERS)) return void response.writeHead(404).end();
    const partner = benchPartner(index);
    const config = { publicKey: partner.publicKey, endpoint: `http://127.0.0.1:${port}`, capabilities: ["kyc.consumer"] };
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ opencharge: "0.1", name: `Bench Partner ${index}`, config, kyc: [], signature: signMetadataConfig(config, partner.privateKey) }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${port}`, server };
}

function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  return (async () => {
    for (let attempt = 0; attempt < 240; attempt++) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const response = await fetch(url);
        if (response.status < 500) return;
      } catch {
        // not listening yet
      }
      await wait(250);
    }
    throw new Error(`no answer from ${url}`);
  })();
}

/** Peak resident memory (VmHWM) of a process and its children, in MB. */
function peakRssMb(pid: number): number {
  const readPeak = (id: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, "utf8"))?.[1] ?? 0) / 1024;
  const children = (id: number): number[] => {
    try {
      return readFileSync(`/proc/${id}/task/${id}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  let total = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const id = queue.shift()!;
    try {
      total += readPeak(id);
    } catch {
      // exited
    }
    queue.push(...children(id));
  }
  return Math.round(total);
}

/** OCN requests: each gets its own nonce and signature. */
function signedOcnRequests(baseUrl: string, endpoint: "/kyc/validate" | "/kyc/data"): NextRequest {
  let counter = 0;
  return () => {
    const userIndex = counter++ % USERS;
    const partner = benchPartner(partnerIndexOf(userIndex, PARTNERS));
    const body = JSON.stringify({ user_ocid: benchUserOcid(userIndex), grants: endpoint === "/kyc/data" ? DATA_GRANTS : VALIDATE_GRANTS });
    const headers = signRequestHeaders({ ocid: partner.ocid, privateKeyHex: partner.privateKey, method: "POST", url: `${baseUrl}${endpoint}`, body });
    return { body, headers: { ...headers, "content-type": "application/json" } };
  };
}

async function postJson(url: string, headers: Record<string, string>, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const payload = (await response.json()) as Record<string, unknown>;
  // Error envelopes carry a code and a message, never the request's personal data.
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(payload)}`);
  return payload;
}

/** A bearer token for the API account, minted through the API and renewed at half its lifetime, so no run of any length sends an expired one. */
async function bearerToken(baseUrl: string, apiKey: string): Promise<{ current: () => string; stop: () => void }> {
  const mint = async () => {
    const { token, expires_in: expiresIn } = (await postJson(`${baseUrl}/api/v1/tokens`, { "x-api-key": apiKey })) as { token: string; expires_in: number };
    return { token, expiresIn };
  };
  const first = await mint();
  let token = first.token;
  const timer = setInterval(() => {
    mint().then(
      (fresh) => void (token = fresh.token),
      (error: unknown) => console.error(`  renewing the bearer token failed: ${String(error)}`),
    );
  }, (first.expiresIn * 1000) / 2);
  timer.unref();
  return { current: () => token, stop: () => clearInterval(timer) };
}

/** Request factories for the Credentials API; the verify pool is issued through the API, as any client would. */
async function credentialsRequests(baseUrl: string, apiKey: string) {
  const bearer = await bearerToken(baseUrl, apiKey);
  const people = issuableUserIndexes(USERS, PARTNERS);
  if (people.length === 0) throw new Error("no bench user granted the API account's partner their Tier1 items");
  const issueBody = (n: number) => issueRequestFor(people[n % people.length]!);
  const pool: string[] = [];
  for (let n = 0; n < VERIFY_POOL; n++) {
    const issued = (await postJson(`${baseUrl}/api/v1/issue`, { authorization: `Bearer ${bearer.current()}` }, issueBody(n))) as { token: string; public_key: string };
    pool.push(JSON.stringify({ token: issued.token, public_key_pem: issued.public_key }));
  }
  let verified = 0;
  let issued = 0;
  const next: Record<"/api/v1/verify" | "/api/v1/issue", NextRequest> = {
    "/api/v1/verify": () => ({ body: pool[verified++ % pool.length]!, headers: { "x-api-key": apiKey, "content-type": "application/json" } }),
    "/api/v1/issue": () => ({ body: JSON.stringify(issueBody(issued++)), headers: { authorization: `Bearer ${bearer.current()}`, "content-type": "application/json" } }),
  };
  return { next, stop: bearer.stop };
}

/** One autocannon run of POSTs to one endpoint. */
async function drive(baseUrl: string, endpoint: Endpoint, next: NextRequest, seconds: number) {
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: "POST", path: endpoint, setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  return { requests: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

/** Warm-up (JIT, caches, connection pools), then the measured run, for every endpoint of a server. */
async function measureEndpoints(kind: string, baseUrl: string, apiKey: string, pid: number): Promise<Row[]> {
  const credentials = await credentialsRequests(baseUrl, apiKey);
  try {
    const rows: Row[] = [];
    for (const endpoint of ENDPOINTS) {
      const next = endpoint === "/kyc/validate" || endpoint === "/kyc/data" ? signedOcnRequests(baseUrl, endpoint) : credentials.next[endpoint];
      await drive(baseUrl, endpoint, next, 3);
      const result = await drive(baseUrl, endpoint, next, SECONDS);
      rows.push({ target: `${kind} ${endpoint}`, endpoint, ...result, rssMb: peakRssMb(pid), ceiling: null });
      console.log(`  ${endpoint}: ${Math.round(result.requests)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}`);
    }
    return rows;
  } finally {
    credentials.stop();
  }
}

async function measureAttest(kind: "PGlite" | "PostgreSQL", databaseUrl: string | undefined, metadataBase: string): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "attest-bench-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://localhost:${port}`,
    SEED_DEMO: "0",
    // Every instance on one PostgreSQL is given the same keys; nothing is generated for it.
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, ...generateKeySet() } : {}),
  };
  console.log(`\n${kind}: loading ${USERS} users and ${PARTNERS} partners…`);
  const apiKeyFile = path.join(dataDir, "bench-api-key");
  const loader = spawn(process.execPath, [...TSX, "scripts/bench/load-data.ts", String(USERS), String(PARTNERS), metadataBase, apiKeyFile], { env, stdio: "inherit" });
  const loaded = await new Promise<number | null>((resolve) => loader.once("exit", resolve));
  if (loaded !== 0) throw new Error("loading the benchmark data failed");

  const profile = CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROFILE}`] : [];
  const server = spawn(process.execPath, [...profile, ...SERVER_ARGS], { env: { ...env, HOST: "127.0.0.1" }, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/metadata.json`, server);
    return await measureEndpoints(kind, `http://127.0.0.1:${port}`, readFileSync(apiKeyFile, "utf8"), server.pid!);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureCeiling(): Promise<Row[]> {
  const port = await freePort();
  const server = spawn(process.execPath, [...TSX, "scripts/bench/ceiling.ts", String(port), String(PARTNERS)], { stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, server);
    console.log("\nceiling (bare node:http, signature work only):");
    // The ceiling checks no API key; the client sends one anyway, so both servers get the same requests.
    return await measureEndpoints("ceiling", `http://127.0.0.1:${port}`, "sk_test_ceiling", server.pid!);
  } finally {
    server.kill("SIGTERM");
  }
}

/**
 * Each figure beside its ratio to the ceiling's: throughput as a share of it, latency and
 * memory as multiples of it (a p99 of "× 3.2" is 3.2 times the bare server's).
 */
function printTable(rows: Row[]) {
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  const share = (value: number, of: number | undefined) => (of ? `${Math.round((value / of) * 100)} %` : "—");
  const times = (value: number, of: number | undefined) => (of ? `× ${(value / Math.max(of, 1)).toFixed(1)}` : "—");
  console.log(
    `\n${"target".padEnd(28)}${pad("req/s", 8)}${pad("of ceil", 9)}${pad("p50 ms", 8)}${pad("× ceil", 8)}${pad("p99 ms", 8)}${pad("× ceil", 8)}` +
      `${pad("RSS MB", 8)}${pad("× ceil", 8)}${pad("non-2xx", 9)}`,
  );
  for (const row of rows) {
    const c = row.ceiling ?? undefined;
    console.log(
      `${row.target.padEnd(28)}${pad(Math.round(row.requests), 8)}${pad(share(row.requests, c?.requests), 9)}` +
        `${pad(row.p50, 8)}${pad(times(row.p50, c?.p50), 8)}${pad(row.p99, 8)}${pad(times(row.p99, c?.p99), 8)}` +
        `${pad(row.rssMb, 8)}${pad(times(row.rssMb, c?.rssMb), 8)}${pad(row.non2xx, 9)}`,
    );
  }
}

buildIfNeeded();
console.log(
  `Attest benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `${USERS} users, ${PARTNERS} partners, ${CONNECTIONS} connections, ${SECONDS} s per run`,
);
const metadata = await startMetadataServer();
try {
  const ceiling = await measureCeiling();
  const ceilingOf = (endpoint: Endpoint) => ceiling.find((row) => row.endpoint === endpoint)!;
  const rows: Row[] = [...ceiling];
  if (DATABASES.includes("pglite")) rows.push(...(await measureAttest("PGlite", undefined, metadata.base)));
  const bin = !DATABASES.includes("postgres") || process.env.PG_TEST_URL ? null : findPostgresBin();
  const postgres = bin ? await startPostgres(bin) : null;
  const serverUrl = DATABASES.includes("postgres") ? (process.env.PG_TEST_URL ?? postgres?.url) : undefined;
  if (serverUrl) {
    try {
      rows.push(...(await measureAttest("PostgreSQL", await createDatabase(serverUrl, `attest_bench_${Date.now()}`), metadata.base)));
    } finally {
      await postgres?.stop();
    }
  } else if (DATABASES.includes("postgres")) {
    console.log("\nPostgreSQL: skipped (no PG_TEST_URL and no PostgreSQL binaries on this machine)");
  }
  for (const row of rows) if (!ceiling.includes(row)) row.ceiling = ceilingOf(row.endpoint);
  printTable(rows);
} finally {
  metadata.server.close();
}
