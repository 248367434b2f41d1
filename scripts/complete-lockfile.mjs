// The npm registry mirror reachable from our build machines omits some
// platform-specific optional packages (other operating systems' native
// binaries), so `npm install` leaves them out of package-lock.json and
// `npm ci` then refuses the lockfile. This records them as optional entries
// for their own os/cpu, which npm skips on every other platform.
// Run after `npm install` changes the lockfile: node scripts/complete-lockfile.mjs
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);

function missingPackages() {
  try {
    execFileSync("npm", ["ci", "--dry-run", "--ignore-scripts"], { stdio: "pipe" });
    return [];
  } catch (error) {
    const output = `${error.stdout ?? ""}${error.stderr ?? ""}`;
    return [...output.matchAll(/Missing: (@?[^@\s]+)@/g)].map((match) => match[1]);
  }
}

const OS = ["android", "darwin", "freebsd", "linux", "win32", "openharmony", "netbsd", "openbsd", "sunos", "aix"];
const CPU = { arm64: "arm64", x64: "x64", ia32: "ia32", arm: "arm", wasm32: "wasm32", loong64: "loong64", ppc64: "ppc64", riscv64: "riscv64", s390x: "s390x" };

function platformOf(name) {
  const tokens = name.split("/").pop().split("-");
  const os = tokens.find((token) => OS.includes(token));
  const cpu = tokens.map((token) => CPU[token]).find(Boolean);
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined };
}

const missing = missingPackages();
if (missing.length === 0) {
  console.log("package-lock.json is complete");
  process.exit(0);
}
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
for (const name of missing) {
  const parent = Object.values(lock.packages).find((entry) => entry.optionalDependencies?.[name]);
  if (!parent) throw new Error(`no package in the lockfile depends on ${name}`);
  const { os, cpu } = platformOf(name);
  lock.packages[`node_modules/${name}`] = {
    version: parent.optionalDependencies[name],
    ...(cpu && { cpu }),
    ...(parent.dev && { dev: true }),
    optional: true,
    ...(os && { os }),
  };
}
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`recorded ${missing.length} platform packages: ${missing.join(", ")}`);
