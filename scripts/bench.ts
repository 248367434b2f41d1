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
 * PostgreSQL runs with its production durability (fsync, synchronous_commit,
 * full_page_writes on), and every run on it prints the top wait events of the
 * request backends (sampled from pg_stat_activity). Rate limiting is on, as
 * deployed, at limits the load never reaches, so its cost is in every figure; and
 * validate and data are measured against a second server, up at the same time,
 * whose limiter admits without counting (scripts/bench/rate-limits-off.mjs), in
 * alternating rounds: two rows side by side. After the data run the servers'
 * /metrics give the audit log's lag (write to signed tree head) over the entries
 * that run wrote.
 *
 * Settings (environment): BENCH_USERS (3000), BENCH_PARTNERS (20),
 * BENCH_SECONDS (10), BENCH_CONNECTIONS (16); BENCH_PORT_BASE to take the
 * servers' ports from a range (base, base+1, …) instead of free ones, and
 * BENCH_PG_PORT for PostgreSQL's. BENCH_GROWTH=3000,100000,1000000 is the
 * growth run: validate and data on PostgreSQL at each number of people, with
 * the time the data took to load. BENCH_RATE_LIMITING=on (or off) measures only
 * that way; both (the default) adds the "rate limiting off" rows.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
import { histogramCount, histogramDelta, histogramQuantile, mergeHistograms, readHistogram, type Buckets } from "./bench/histogram";
import { formatWaitEvents, sampleWaitEvents } from "./bench/wait-events";
import { createDatabase, findPostgresBin, startPostgres } from "./postgres-server";
import { SERVER_ARGS } from "./server-command";

const GROWTH = process.env.BENCH_GROWTH ? process.env.BENCH_GROWTH.split(",").map(Number) : null;
let USERS = Number(process.env.BENCH_USERS ?? 3000);
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const TSX = ["--conditions=react-server", "--import", "tsx"];

const ALL_ENDPOINTS = ["/kyc/validate", "/kyc/data", "/api/v1/verify", "/api/v1/issue"] as const;
type Endpoint = (typeof ALL_ENDPOINTS)[number];
// For looking into one endpoint: BENCH_ENDPOINTS=/kyc/validate, BENCH_DATABASES=postgres,
// and BENCH_CPU_PROFILE=dir to write the Attest server's V8 CPU profile there.
const ENDPOINTS = ALL_ENDPOINTS.filter((endpoint) =>
  GROWTH ? endpoint === "/kyc/validate" || endpoint === "/kyc/data" : !process.env.BENCH_ENDPOINTS || process.env.BENCH_ENDPOINTS.split(",").includes(endpoint),
);
const DATABASES = GROWTH ? ["postgres"] : (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const PG_PORT = process.env.BENCH_PG_PORT ? Number(process.env.BENCH_PG_PORT) : undefined;
let nextPort = Number(process.env.BENCH_PORT_BASE ?? 0);
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE ? path.resolve(process.env.BENCH_CPU_PROFILE) : null;
/** Credentials issued in set-up and verified over and over during the run. */
const VERIFY_POOL = 64;
const RATE_LIMITING = process.env.BENCH_RATE_LIMITING ?? "both";
if (!["on", "off", "both"].includes(RATE_LIMITING)) throw new Error("BENCH_RATE_LIMITING is on, off or both");
/** What the "rate limiting off" server loads first: a limiter that admits without counting. */
const RATE_LIMITS_OFF = ["--import", "./scripts/bench/rate-limits-off.mjs"];
const AUDIT_LAG = "attest_audit_log_lag_seconds";

type AuditLag = { entries: number; p50: number | null; p99: number | null };
type Row = {
  target: string;
  endpoint: Endpoint;
  requests: number;
  p50: number;
  p99: number;
  rssMb: number;
  non2xx: number;
  ceiling: Row | null;
  waits: string | null;
  auditLag: AuditLag | null;
};

/** The next request of a run: built synchronously, as autocannon asks for it. */
type NextRequest = () => { body: string; headers: Record<string, string> };

function wait(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function freePort(): Promise<number> {
  if (nextPort) return nextPort++;
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
  return () => {
    // Random people, so a large data set is read across, not one hot corner of it.
    const userIndex = randomInt(USERS);
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

type RunResult = { requests: number; p50: number; p99: number; non2xx: number };

/** One autocannon run of POSTs to one endpoint. */
async function drive(baseUrl: string, endpoint: Endpoint, next: NextRequest, seconds: number): Promise<RunResult> {
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: "POST", path: endpoint, setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  return { requests: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

async function auditLagBuckets(baseUrl: string): Promise<Buckets> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return readHistogram(await response.text(), AUDIT_LAG);
}

/**
 * The lag of the entries a run wrote: the histogram's growth from `before` once the sequencer
 * has caught up (its count still for half a second, or 15 s at most).
 */
async function auditLagSince(baseUrl: string, before: Buckets): Promise<Buckets> {
  let after = await auditLagBuckets(baseUrl);
  for (let waited = 0, still = 0; still < 2 && waited < 15_000; waited += 250) {
    await wait(250);
    const now = await auditLagBuckets(baseUrl);
    still = histogramCount(now) === histogramCount(after) ? still + 1 : 0;
    after = now;
  }
  return histogramDelta(after, before);
}

function auditLagOf(run: Buckets): AuditLag {
  return { entries: histogramCount(run), p50: histogramQuantile(run, 0.5), p99: histogramQuantile(run, 0.99) };
}

type MeasureOptions = { endpoints?: readonly Endpoint[]; databaseUrl?: string; suffix?: string; auditLag?: boolean };

/**
 * Warm-up (JIT, caches, connection pools), then the measured run, for every endpoint of a
 * server; with a database URL, PostgreSQL's wait events are sampled during each measured run,
 * and with `auditLag` the data run's audit log lag is read from /metrics.
 */
async function measureEndpoints(kind: string, baseUrl: string, apiKey: string, pid: number, options: MeasureOptions = {}): Promise<Row[]> {
  const { endpoints = ENDPOINTS, databaseUrl, suffix = "" } = options;
  if (endpoints.length === 0) return [];
  const credentials = await credentialsRequests(baseUrl, apiKey);
  try {
    const rows: Row[] = [];
    for (const endpoint of endpoints) {
      const next = endpoint === "/kyc/validate" || endpoint === "/kyc/data" ? signedOcnRequests(baseUrl, endpoint) : credentials.next[endpoint];
      await drive(baseUrl, endpoint, next, 3);
      const lagBefore = options.auditLag && endpoint === "/kyc/data" ? await auditLagBuckets(baseUrl) : null;
      const sampler = databaseUrl ? sampleWaitEvents(databaseUrl) : null;
      const result = await drive(baseUrl, endpoint, next, SECONDS);
      const waits = sampler ? formatWaitEvents(await sampler.stop()) : null;
      const auditLag = lagBefore ? auditLagOf(await auditLagSince(baseUrl, lagBefore)) : null;
      rows.push({ target: `${kind} ${endpoint}${suffix}`, endpoint, ...result, rssMb: peakRssMb(pid), ceiling: null, waits, auditLag });
      console.log(`  ${endpoint}${suffix}: ${Math.round(result.requests)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}`);
      if (waits) console.log(`    wait events: ${waits}`);
      if (auditLag) console.log(`    audit log lag: ${formatAuditLag(auditLag)}`);
    }
    return rows;
  } finally {
    credentials.stop();
  }
}

type Target = { baseUrl: string; pid: number };
const isOcnEndpoint = (endpoint: Endpoint): endpoint is "/kyc/validate" | "/kyc/data" => endpoint === "/kyc/validate" || endpoint === "/kyc/data";
/** Rounds of the on-against-off comparison, each SECONDS / 2 on either server. */
const ROUNDS = 4;

/** Several runs as one: throughput averaged, latencies the median run's, failures summed. */
function combineRuns(runs: RunResult[]): RunResult {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    requests: runs.reduce((sum, run) => sum + run.requests, 0) / runs.length,
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
  };
}

/**
 * An OCN route on the server with rate limiting on and on one with it off, both up at once,
 * in alternating rounds (who goes first alternating too), so the drift of a shared machine
 * falls on both alike instead of on whichever ran second. The audit log lag of a data run is
 * over both servers' entries.
 */
async function measureOnAgainstOff(kind: string, on: Target, off: Target, endpoint: "/kyc/validate" | "/kyc/data", databaseUrl?: string): Promise<Row[]> {
  const sides = { on: { ...on, next: signedOcnRequests(on.baseUrl, endpoint), runs: [] as RunResult[] }, off: { ...off, next: signedOcnRequests(off.baseUrl, endpoint), runs: [] as RunResult[] } };
  for (const side of Object.values(sides)) await drive(side.baseUrl, endpoint, side.next, 3);
  const lagBefore = endpoint === "/kyc/data" ? await Promise.all([on, off].map((target) => auditLagBuckets(target.baseUrl))) : null;
  let waits: string | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const)) {
      const side = sides[name];
      // The database's waits during the first round with limiting on.
      const sampler = databaseUrl && name === "on" && waits === null ? sampleWaitEvents(databaseUrl) : null;
      side.runs.push(await drive(side.baseUrl, endpoint, side.next, SECONDS / 2));
      if (sampler) waits = formatWaitEvents(await sampler.stop());
    }
  }
  const lag = lagBefore ? auditLagOf(mergeHistograms(await Promise.all([on, off].map((target, index) => auditLagSince(target.baseUrl, lagBefore[index]!))))) : null;
  const rows: Row[] = (["on", "off"] as const).map((name) => ({
    target: `${kind} ${endpoint}${name === "off" ? ", rate limiting off" : ""}`,
    endpoint,
    ...combineRuns(sides[name].runs),
    rssMb: peakRssMb(sides[name].pid),
    ceiling: null,
    waits: name === "on" ? waits : null,
    auditLag: name === "on" ? lag : null,
  }));
  for (const row of rows) console.log(`  ${row.target.slice(kind.length + 1)}: ${Math.round(row.requests)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx} (${ROUNDS} rounds)`);
  if (waits) console.log(`    wait events: ${waits}`);
  if (lag) console.log(`    audit log lag (both servers): ${formatAuditLag(lag)}`);
  return rows;
}

const seconds = (value: number | null) => (value === null ? "—" : `${value.toFixed(2)} s`);
const formatAuditLag = ({ entries, p50, p99 }: AuditLag) => `p50 ${seconds(p50)}, p99 ${seconds(p99)} over ${entries} entries`;

async function measureAttest(kind: string, databaseUrl: string | undefined, metadataBase: string): Promise<{ rows: Row[]; loadSeconds: number }> {
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
  const loadStart = performance.now();
  const loader = spawn(process.execPath, [...TSX, "scripts/bench/load-data.ts", String(USERS), String(PARTNERS), metadataBase, apiKeyFile], { env, stdio: "inherit" });
  const loaded = await new Promise<number | null>((resolve) => loader.once("exit", resolve));
  if (loaded !== 0) throw new Error("loading the benchmark data failed");
  const loadSeconds = (performance.now() - loadStart) / 1000;
  console.log(`  loaded in ${loadSeconds.toFixed(1)} s`);

  const apiKey = readFileSync(apiKeyFile, "utf8");
  const servers: ChildProcess[] = [];
  const dirs = [dataDir];
  /** A production server on this data, with `args` before the server's own; stopped (and its CPU profile written) at the end. */
  const start = async (args: string[], serverPort: number, serverDataDir: string): Promise<Target> => {
    const profile = CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROFILE}`] : [];
    const serverEnv = { ...env, HOST: "127.0.0.1", PORT: String(serverPort), PUBLIC_URL: `http://localhost:${serverPort}`, DATA_DIR: serverDataDir };
    const server = spawn(process.execPath, [...profile, ...args, ...SERVER_ARGS], { env: serverEnv, stdio: ["ignore", "ignore", "inherit"] });
    servers.push(server);
    const baseUrl = `http://127.0.0.1:${serverPort}`;
    await waitForHttp(`${baseUrl}/metadata.json`, server);
    return { baseUrl, pid: server.pid! };
  };
  try {
    if (RATE_LIMITING !== "both") {
      const target = await start(RATE_LIMITING === "off" ? RATE_LIMITS_OFF : [], port, dataDir);
      const suffix = RATE_LIMITING === "off" ? ", rate limiting off" : "";
      return { rows: await measureEndpoints(kind, target.baseUrl, apiKey, target.pid, { databaseUrl, suffix, auditLag: true }), loadSeconds };
    }
    const on = await start([], port, dataDir);
    const rows: Row[] = [];
    const ocn = ENDPOINTS.filter(isOcnEndpoint);
    if (ocn.length > 0) {
      // PGlite's data directory is one process's: the second server gets a copy of the loaded one.
      const offDir = databaseUrl ? dataDir : mkdtempSync(path.join(tmpdir(), "attest-bench-off-"));
      if (!databaseUrl) {
        dirs.push(offDir);
        cpSync(dataDir, offDir, { recursive: true });
      }
      const off = await start(RATE_LIMITS_OFF, await freePort(), offDir);
      for (const endpoint of ocn) rows.push(...(await measureOnAgainstOff(kind, on, off, endpoint, databaseUrl)));
    }
    rows.push(...(await measureEndpoints(kind, on.baseUrl, apiKey, on.pid, { endpoints: ENDPOINTS.filter((endpoint) => !isOcnEndpoint(endpoint)), databaseUrl })));
    return { rows, loadSeconds };
  } finally {
    for (const server of servers) {
      server.kill("SIGTERM");
      if (server.exitCode === null) await new Promise((resolve) => server.once("exit", resolve));
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
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

const share = (value: number, of: number | undefined) => (of ? `${Math.round((value / of) * 100)} %` : "—");
const times = (value: number, of: number | undefined) => (of ? `× ${(value / Math.max(of, 1)).toFixed(1)}` : "—");

/**
 * Each figure beside its ratio to the ceiling's, as a markdown table ready for the README:
 * throughput as a share of it, latency and memory as multiples of it (a p99 of "× 3.2" is
 * 3.2 times the bare server's); then PostgreSQL's wait events per run.
 */
function printTable(rows: Row[]) {
  console.log("\n| target | req/s | of ceiling | p50 ms | × ceiling | p99 ms | × ceiling | RSS MB | × ceiling | non-2xx |");
  console.log("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (const row of rows) {
    const c = row.ceiling ?? undefined;
    const cells = [
      row.target, Math.round(row.requests), share(row.requests, c?.requests), row.p50, times(row.p50, c?.p50),
      row.p99, times(row.p99, c?.p99), row.rssMb, times(row.rssMb, c?.rssMb), row.non2xx,
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
  const lagged = rows.filter((row) => row.auditLag);
  if (lagged.length > 0) {
    console.log("\nAudit log lag (entry written to signed tree head) over the entries of the data run:\n");
    for (const row of lagged) console.log(`- ${row.target}: ${formatAuditLag(row.auditLag!)}`);
  }
  const limited = rows.filter((row) => row.target.endsWith(", rate limiting off"));
  if (limited.length > 0) {
    console.log("\nRate limiting on against off (same run; throughput with it on as a share of off):\n");
    for (const off of limited) {
      const on = rows.find((row) => row.target === off.target.replace(", rate limiting off", ""));
      if (on) console.log(`- ${on.target}: ${share(on.requests, off.requests)} of the throughput, p99 ${on.p99} ms against ${off.p99} ms`);
    }
  }
  const waited = rows.filter((row) => row.waits);
  if (waited.length === 0) return;
  console.log("\nPostgreSQL wait events of request backends (share of busy samples):\n");
  for (const row of waited) console.log(`- \`${row.target.replace(/^\S+ /, "")}\`: ${row.waits}`);
}

type GrowthPoint = { users: number; loadSeconds: number; rows: Row[] };

/** The growth run: the same two OCN routes at every size, each as a ratio to the one ceiling. */
function printGrowth(points: GrowthPoint[], ceilingOf: (endpoint: Endpoint) => Row) {
  console.log("\n| people | load s | validate req/s | of ceiling | p50 ms | p99 ms | data req/s | of ceiling | p50 ms | p99 ms |");
  console.log("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (const { users, loadSeconds, rows } of points) {
    const cells = (endpoint: Endpoint) => {
      const row = rows.find((candidate) => candidate.endpoint === endpoint);
      return row ? [Math.round(row.requests), share(row.requests, ceilingOf(endpoint).requests), row.p50, row.p99] : ["—", "—", "—", "—"];
    };
    console.log(`| ${[users.toLocaleString("en"), loadSeconds.toFixed(0), ...cells("/kyc/validate"), ...cells("/kyc/data")].join(" | ")} |`);
  }
  console.log("\nPostgreSQL wait events of request backends (share of busy samples):\n");
  for (const { users, rows } of points) for (const row of rows) if (row.waits) console.log(`- ${users.toLocaleString("en")} people, \`${row.endpoint}\`: ${row.waits}`);
}

async function settings(databaseUrl: string): Promise<string> {
  const { default: connect } = await import("postgres");
  const sql = connect(databaseUrl, { max: 1, onnotice: () => {} });
  const rows = await sql<{ name: string; setting: string }[]>`
    select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'server_version') order by name`;
  await sql.end();
  return rows.map(({ name, setting }) => `${name}=${setting}`).join(", ");
}

/** PostgreSQL for the run: PG_TEST_URL's server, or a throwaway one with production durability. */
async function withPostgres(run: (serverUrl: string) => Promise<void>): Promise<void> {
  const bin = process.env.PG_TEST_URL ? null : findPostgresBin();
  const postgres = bin ? await startPostgres(bin, { durable: true, port: PG_PORT }) : null;
  const serverUrl = process.env.PG_TEST_URL ?? postgres?.url;
  if (!serverUrl) return void console.log("\nPostgreSQL: skipped (no PG_TEST_URL and no PostgreSQL binaries on this machine)");
  try {
    console.log(`\nPostgreSQL: ${await settings(serverUrl)}`);
    await run(serverUrl);
  } finally {
    await postgres?.stop();
  }
}

async function dropDatabase(serverUrl: string, databaseUrl: string) {
  const { default: connect } = await import("postgres");
  const sql = connect(serverUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists "${new URL(databaseUrl).pathname.slice(1)}"`);
  await sql.end();
}

buildIfNeeded();
console.log(
  `Attest benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `${GROWTH ? `growth run at ${GROWTH.join(", ")}` : USERS} users, ${PARTNERS} partners, ${CONNECTIONS} connections, ${SECONDS} s per run`,
);
const metadata = await startMetadataServer();
try {
  const ceiling = await measureCeiling();
  const ceilingOf = (endpoint: Endpoint) => ceiling.find((row) => row.endpoint === endpoint)!;
  const withCeilings = (rows: Row[]) => rows.map((row) => ({ ...row, ceiling: ceilingOf(row.endpoint) }));
  if (GROWTH) {
    const points: GrowthPoint[] = [];
    await withPostgres(async (serverUrl) => {
      for (const users of GROWTH) {
        USERS = users;
        const databaseUrl = await createDatabase(serverUrl, `attest_bench_${users}_${Date.now()}`);
        const { rows, loadSeconds } = await measureAttest(`PostgreSQL ${users.toLocaleString("en")} people`, databaseUrl, metadata.base);
        points.push({ users, loadSeconds, rows: withCeilings(rows) });
        await dropDatabase(serverUrl, databaseUrl);
      }
    });
    printTable([...ceiling, ...points.flatMap((point) => point.rows)]);
    printGrowth(points, ceilingOf);
  } else {
    const rows: Row[] = [...ceiling];
    if (DATABASES.includes("pglite")) rows.push(...withCeilings((await measureAttest("PGlite", undefined, metadata.base)).rows));
    if (DATABASES.includes("postgres")) {
      await withPostgres(async (serverUrl) => {
        const databaseUrl = await createDatabase(serverUrl, `attest_bench_${Date.now()}`);
        rows.push(...withCeilings((await measureAttest("PostgreSQL", databaseUrl, metadata.base)).rows));
      });
    }
    printTable(rows);
  }
} finally {
  metadata.server.close();
}
