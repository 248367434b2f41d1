/**
 * `npm run audit:deps`: checks package-lock.json against the npm advisory database.
 *
 * It runs `npm audit` (production and development dependencies, moderate and above). Some
 * registry mirrors do not serve the advisory endpoint (they answer 405): then no advisory
 * database can be had here (none is published as an installable package; the OSV offline
 * packages download theirs at run time), so the script prints what to check by hand — the
 * locked versions of the packages that face the network or handle sign-in — and exits 2,
 * never 0: an audit that could not run is not a pass.
 *
 * Exit codes: 0 no advisories, 1 advisories found, 2 the audit could not run.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const WATCHED = ["next", "next-auth", "@auth/core", "nodemailer", "smtp-server"];

const run = spawnSync("npm", ["audit", "--json", "--audit-level=moderate"], { encoding: "utf8" });
let report: { vulnerabilities?: Record<string, { severity: string; range: string; via: unknown[] }>; metadata?: { vulnerabilities?: Record<string, number> }; error?: unknown; message?: string } | null = null;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}

if (report?.metadata?.vulnerabilities) {
  const found = Object.entries(report.vulnerabilities ?? {});
  for (const [name, { severity, range }] of found) console.log(`${severity.padEnd(9)} ${name} ${range}`);
  const counts = report.metadata.vulnerabilities;
  console.log(`npm audit: ${Object.entries(counts).map(([level, count]) => `${count} ${level}`).join(", ")}`);
  process.exit(found.length > 0 ? 1 : 0);
}

const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8")) as { packages: Record<string, { version?: string }> };
console.error(`npm audit could not run: ${report?.message ?? (run.stderr.trim().split("\n").at(-1) || "no answer")}`);
console.error("Check these locked versions by hand against https://github.com/advisories (ecosystem npm) and each project's security advisories:");
for (const name of WATCHED) {
  const versions = Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([path, entry]) => `${entry.version}${path === `node_modules/${name}` ? "" : ` (under ${path.replace(`/node_modules/${name}`, "").replace(/^node_modules\//, "")})`}`);
  console.error(`  ${name.padEnd(12)} ${versions.join(", ") || "not installed"}`);
}
process.exit(2);
