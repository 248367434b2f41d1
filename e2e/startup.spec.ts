import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { DEMO_GATEWAY } from "@/lib/demo/gateway";
import { signRequestHeaders } from "@/lib/ocn/client";
import { generatePrivateKey, publicKeyFromPrivate } from "@/lib/ocn/secp256k1";

import { SERVER_ARGS } from "../scripts/server-command";

/** A port of the test run's own range (E2E_PORT and the ones above it), so parallel runs do not collide. */
const sparePort = (offset: number) => String(Number(process.env.E2E_PORT ?? 3100) + offset);

/** Production (NODE_ENV and ATTEST_ENV both "production") generates no keys: missing ones stop the server. */
test("production without keys refuses to start, naming the missing key", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "attest-prod-"));
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: { ...process.env, NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540", DATA_DIR: dataDir, PORT: sparePort(99), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 30_000);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code).toBe(1);
  expect(stderr).toContain("Invalid configuration: OCN_PRIVATE_KEY is required in production");
});

/** Started twice on one embedded data directory: a stop must leave it closed cleanly and reusable. */
test("SIGTERM drains, closes the embedded database and exits 0; the data directory opens again", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "attest-stop-"));
  const port = sparePort(98);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, PORT: port, HOST: "127.0.0.1", PUBLIC_URL: `http://127.0.0.1:${port}`, SEED_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1" };
  for (const round of [1, 2]) {
    const child = spawn(process.execPath, SERVER_ARGS, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    await expect.poll(() => output, { timeout: 60_000 }).toContain("Attest listening");
    // alice is there each time: the second start found the first one's database intact.
    const body = JSON.stringify({ user_ocid: 12345, grants: ["name"] });
    const headers = signRequestHeaders({ ocid: DEMO_GATEWAY.ocid, privateKeyHex: DEMO_GATEWAY.privateKey, method: "POST", url: "/kyc/validate", body });
    const validate = await fetch(`http://127.0.0.1:${port}/kyc/validate`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body });
    expect(validate.status, `round ${round}`).toBe(200);
    expect(((await validate.json()) as { grants: Record<string, string> }).grants).toEqual({ name: "verified" });
    child.kill("SIGTERM");
    expect(await exited, `round ${round}: ${output}`).toBe(0);
    expect(output).toContain("Attest stopping (SIGTERM)");
  }
});

/** Production with every key given: it starts, uses those keys, sends HSTS, and has no development mailbox. */
test("production with its keys serves, with HSTS and without the development mailbox", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "attest-prod-keys-"));
  const port = sparePort(97);
  const ocnKey = generatePrivateKey();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    ATTEST_ENV: "production",
    OCN_OCID: "540",
    OCN_PRIVATE_KEY: ocnKey,
    CREDENTIAL_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATA_DIR: dataDir,
    PORT: port,
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const child = spawn(process.execPath, SERVER_ARGS, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    await expect.poll(() => output, { timeout: 60_000 }).toContain("Attest listening");
    const base = `http://127.0.0.1:${port}`;
    const metadata = (await (await fetch(`${base}/metadata.json`)).json()) as { config: { publicKey: string } };
    expect(metadata.config.publicKey).toBe(publicKeyFromPrivate(ocnKey));
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect((await fetch(`${base}/dev/mailbox`)).status).toBe(404);
    // No demo data in production unless asked for: partner 300 is nobody here.
    const consent = await fetch(`${base}/kyc/grant/300?grants=name&user_ocid=1&callback_url=${encodeURIComponent(`${base}/`)}`, { redirect: "manual" });
    expect(await consent.text()).toContain('data-problem="unknown_partner"');
    // The keys given are used and never logged, and none was generated.
    expect(output).not.toContain(ocnKey);
    expect(existsSync(path.join(dataDir, "keys"))).toBe(false);
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
});
