/**
 * `npm test`: everything. Unit and integration tests on embedded PGlite,
 * the same integration tests on a real PostgreSQL server (PG_TEST_URL, or
 * PostgreSQL binaries on this machine), then the browser tests in Chromium, then the
 * deployment tests (deploy/'s Caddy configuration and systemd unit, two instances, PostgreSQL).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

import { buildIfNeeded } from "./build-if-needed";
import { createDatabase, findPostgresBin, startPostgres, type PostgresServer } from "./postgres-server";

const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/**
 * Runs one suite with a time limit: a suite that hangs is stopped, with its whole process
 * group (servers it started included), and reported, so the run always ends with a summary.
 */
async function run(title: string, args: string[], env: Record<string, string>, limitMinutes: number): Promise<boolean> {
  console.log(`\n▶ ${title}`);
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: "inherit", env: { ...process.env, ...env }, detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    process.kill(-child.pid!, "SIGKILL");
  }, limitMinutes * 60_000);
  // Its own process group, so Ctrl-C (or CI stopping the run) is passed on to it here,
  // and the temporary PostgreSQL server is stopped before leaving.
  const interrupt = (signal: NodeJS.Signals) => {
    process.kill(-child.pid!, signal);
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  const status = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  clearTimeout(timer);
  process.off("SIGINT", interrupt);
  process.off("SIGTERM", interrupt);
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  console.log(timedOut ? `\n✘ ${title}: stopped after ${limitMinutes} min without finishing` : `  (${minutes} min)`);
  return status === 0 && !timedOut;
}

function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const debian = existsSync("/etc/debian_version");
  if (process.getuid?.() === 0 && debian) {
    console.log("Chromium not found: installing Debian's chromium package…");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    const installed = findChromium();
    if (installed) return installed;
  }
  console.error("Browser tests need Chromium: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable.");
  process.exit(1);
}

const vitest = ["node_modules/vitest/vitest.mjs", "run"];
const results: [string, boolean][] = [];
/** The temporary PostgreSQL server while the PostgreSQL suite runs: an interrupt stops it too. */
let server: PostgresServer | null = null;

const chromium = ensureChromium();
results.push(["unit", await run("Unit tests", [...vitest, "--project", "unit"], {}, 10)]);
results.push(["integration (PGlite)", await run("Integration tests on embedded PGlite", [...vitest, "--project", "integration"], { TEST_DATABASE: "pglite" }, 20)]);

let postgresUrl = process.env.PG_TEST_URL;
const bin = postgresUrl ? null : findPostgresBin();
if (!postgresUrl && bin) {
  server = await startPostgres(bin);
  postgresUrl = server.url;
}
if (postgresUrl) {
  const url = await createDatabase(postgresUrl, `attest_test_${Date.now()}`);
  const version = spawnSync(bin ? `${bin}/postgres` : "true", ["--version"], { encoding: "utf8" }).stdout?.trim();
  results.push([
    "integration (PostgreSQL)",
    await run(`Integration tests on PostgreSQL${version ? ` (${version})` : ""}`, [...vitest, "--project", "integration"], { TEST_DATABASE: "postgres", TEST_DATABASE_URL: url }, 20),
  ]);
} else if (process.env.REQUIRE_POSTGRES === "1") {
  console.log("\n▶ Integration tests on PostgreSQL: no PG_TEST_URL and no PostgreSQL binaries, but REQUIRE_POSTGRES=1");
  results.push(["integration (PostgreSQL)", false]);
} else {
  console.log("\n▶ Integration tests on PostgreSQL: skipped (no PG_TEST_URL and no PostgreSQL binaries on this machine)");
}
await server?.stop();
server = null;

buildIfNeeded();
results.push(["browser (Chromium)", await run("Browser tests in Chromium", ["node_modules/@playwright/test/cli.js", "test"], { CHROMIUM_PATH: chromium }, 40)]);
const DEPLOYMENT_TOOLS = { caddy: "caddy", openssl: "openssl", certutil: "libnss3-tools" };
const missingTools = () => Object.keys(DEPLOYMENT_TOOLS).filter((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0);
if (missingTools().length > 0 && process.getuid?.() === 0 && existsSync("/etc/debian_version")) {
  const packages = missingTools().map((tool) => DEPLOYMENT_TOOLS[tool as keyof typeof DEPLOYMENT_TOOLS]);
  console.log(`Installing Debian's ${packages.join(", ")} for the deployment tests…`);
  execFileSync("apt-get", ["install", "-y", "-qq", ...packages], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}
if (missingTools().length > 0 || !findPostgresBin()) {
  console.log(`\n▶ Deployment tests: need ${[...missingTools(), ...(findPostgresBin() ? [] : ["PostgreSQL server binaries"])].join(", ")} (Debian: apt-get install caddy openssl libnss3-tools postgresql)`);
  results.push(["deployment (TLS proxy, two instances, PostgreSQL)", false]);
} else {
  results.push([
    "deployment (TLS proxy, two instances, PostgreSQL)",
    await run("Deployment tests: Caddy with TLS, two instances, PostgreSQL, Chromium at https://attest.test", ["node_modules/@playwright/test/cli.js", "test", "-c", "e2e/deployed/playwright.config.ts"], { CHROMIUM_PATH: chromium }, 10),
  ]);
}

console.log("\nSummary");
for (const [name, ok] of results) console.log(`  ${ok ? "✔" : "✘"} ${name}`);
const failed = results.filter(([, ok]) => !ok).length;
console.log(`Suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
