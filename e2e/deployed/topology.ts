import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { freePort } from "../../scripts/postgres-server";

/**
 * Attest as an operator deploys it (README, "Deploying"): a real PostgreSQL, two instances
 * started with the command and environment of deploy/attest@.service and one key set from
 * `npm run keys`, behind Caddy with deploy/Caddyfile, terminating TLS for
 * https://attest.test:<port> with a certificate from a CA made for this run.
 */
export const HOSTNAME = "attest.test";
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const TEST_NAMES = path.join(HERE, "test-names.mjs");

export type Tls = { dir: string; caPem: string; certFile: string; keyFile: string; browserHome: string };

/** A CA and a certificate for HOSTNAME signed by it (openssl); the CA is trusted by name only where a test says so. */
export function makeTls(): Tls {
  const dir = mkdtempSync(path.join(tmpdir(), "attest-tls-"));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "2", "-subj", "/CN=Attest deployment test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", file("site.key"), "-out", file("site.csr"), "-subj", `/CN=${HOSTNAME}`);
  writeFileSync(file("site.ext"), `subjectAltName=DNS:${HOSTNAME}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`);
  openssl("x509", "-req", "-in", file("site.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial", "-out", file("site.pem"), "-days", "2", "-extfile", file("site.ext"));
  // Chromium on Linux trusts the CAs in $HOME/.pki/nssdb besides the system's: a home of its
  // own for the test browser, where this run's CA is the one added.
  const browserHome = file("browser-home");
  const nssdb = path.join(browserHome, ".pki", "nssdb");
  mkdirSync(nssdb, { recursive: true });
  execFileSync("certutil", ["-N", "-d", `sql:${nssdb}`, "--empty-password"], { stdio: "pipe" });
  execFileSync("certutil", ["-A", "-d", `sql:${nssdb}`, "-n", "Attest deployment test CA", "-t", "C,,", "-i", file("ca.pem")], { stdio: "pipe" });
  return { dir, caPem: readFileSync(file("ca.pem"), "utf8"), certFile: file("site.pem"), keyFile: file("site.key"), browserHome };
}

/** KEY=VALUE lines as systemd's EnvironmentFile reads them (single quotes kept literal). */
export function parseEnvironmentLines(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const value = match[2]!;
    env[match[1]!] = /^'.*'$/.test(value) ? value.slice(1, -1).replace(/'\\''/g, "'") : value;
  }
  return env;
}

/** The instance's command and environment from deploy/attest@.service, for port `instance`. */
export function unitFor(instance: number): { command: string; args: string[]; env: Record<string, string> } {
  const unit = readFileSync(path.join(ROOT, "deploy/attest@.service"), "utf8").replaceAll("%i", String(instance));
  const env = parseEnvironmentLines(unit.split("\n").filter((line) => line.startsWith("Environment=")).map((line) => line.slice("Environment=".length)).join("\n"));
  const [command, ...args] = /^ExecStart=(.*)$/m.exec(unit)![1]!.split(/\s+/);
  return { command: command!, args, env };
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** An https request to the deployment by its name, trusting the test CA for this request only. */
export function viaProxy(url: string, caPem: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      {
        method: init.method ?? "GET",
        headers: init.headers,
        ca: caPem,
        lookup: (_hostname, options, callback) => (options.all ? callback(null, [{ address: "127.0.0.1", family: 4 }]) : callback(null, "127.0.0.1", 4)),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    request.on("error", reject);
    request.end(init.body);
  });
}

export type Deployment = {
  publicUrl: string;
  instances: { port: number; url: string; process: ChildProcess }[];
  stop: () => Promise<void>;
};

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const forced = setTimeout(() => child.kill("SIGKILL"), 15_000);
  return exited.finally(() => clearTimeout(forced));
}

export async function startDeployment(tls: Tls, databaseUrl: string): Promise<Deployment> {
  const dir = mkdtempSync(path.join(tmpdir(), "attest-deploy-"));
  const httpsPort = await freePort();
  const publicUrl = `https://${HOSTNAME}:${httpsPort}`;
  // The operator's environment file: site settings plus one key set for every instance.
  const keys = parseEnvironmentLines(execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/keys.ts"], { cwd: ROOT, encoding: "utf8" }));
  const shared = { PUBLIC_URL: publicUrl, DATABASE_URL: databaseUrl, OCN_OCID: "540", SEED_DEMO: "1", ...keys };
  const children: ChildProcess[] = [];
  const instances: Deployment["instances"] = [];
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const name of ["a", "b"]) {
      const port = await freePort();
      const unit = unitFor(port);
      const env: Record<string, string | undefined> = {
        PATH: process.env.PATH,
        ...unit.env,
        ...shared,
        // As `npm start` runs: the demo data set and the development mailbox drive the browser
        // (production itself, where neither exists, is e2e/startup.spec.ts's).
        ATTEST_ENV: "",
        DATA_DIR: path.join(dir, name),
        NODE_OPTIONS: `--import ${TEST_NAMES}`,
        NODE_EXTRA_CA_CERTS: path.join(tls.dir, "ca.pem"),
      };
      mkdirSync(env.DATA_DIR!, { recursive: true });
      const child = spawn(unit.command === "/usr/bin/node" ? process.execPath : unit.command, unit.args, { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
      let log = "";
      child.stdout!.on("data", (chunk) => (log += chunk));
      child.stderr!.on("data", (chunk) => (log += chunk));
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      // One after the other: the first seeds the demo data into the empty database.
      await waitFor(async () => {
        if (child.exitCode !== null) throw new Error(`instance ${name} exited:\n${log.slice(-3000)}`);
        return (await fetch(`${url}/readyz`)).ok;
      }, `instance ${name}`);
      instances.push({ port, url, process: child });
    }

    const caddyEnv: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: dir,
      XDG_DATA_HOME: path.join(dir, "caddy-data"),
      XDG_CONFIG_HOME: path.join(dir, "caddy-config"),
      ATTEST_SITE: `${HOSTNAME}:${httpsPort}`,
      ATTEST_TLS: `${tls.certFile} ${tls.keyFile}`,
      ATTEST_UPSTREAMS: instances.map((instance) => `127.0.0.1:${instance.port}`).join(" "),
      ATTEST_HTTP_PORT: String(await freePort()),
      ATTEST_BIND: "127.0.0.1",
      ATTEST_CADDY_ADMIN: "off",
    };
    const caddy = spawn("caddy", ["run", "--config", path.join(ROOT, "deploy/Caddyfile"), "--adapter", "caddyfile"], {
      cwd: dir,
      env: caddyEnv as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let caddyLog = "";
    caddy.stderr!.on("data", (chunk) => (caddyLog += chunk));
    children.push(caddy);
    await waitFor(async () => {
      if (caddy.exitCode !== null) throw new Error(`caddy exited:\n${caddyLog.slice(-3000)}`);
      return (await viaProxy(`${publicUrl}/metadata.json`, tls.caPem)).status === 200;
    }, "the proxy");
    return { publicUrl, instances, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
