import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { defineConfig, devices } from "@playwright/test";

import { CHROMIUM_ARGS, SERVER_ARGS } from "./scripts/server-command";

/**
 * Browser tests run against the production build on a fresh data directory
 * with the demo data set, in Debian's Chromium (no browser download).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
// Not "localhost": a PUBLIC_URL that is any other name must work the same (every URL Attest
// builds comes from it), and the deployment tests (e2e/deployed/) cover a real domain over TLS.
const HOST = process.env.E2E_HOST ?? "127.0.0.2";
const BASE_URL = `http://${HOST}:${PORT}`;
process.env.E2E_BASE_URL = BASE_URL;
const DATA_DIR = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "attest-e2e-"));
process.env.E2E_DATA_DIR = DATA_DIR;

export default defineConfig({
  testDir: "e2e",
  // The deployment tests run under their own configuration (e2e/deployed/playwright.config.ts).
  testIgnore: /deployed\//,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: "chromium", testIgnore: [/console\.spec\.ts/, /deployed\//], use: { ...devices["Desktop Chrome"], channel: undefined } },
    // The console tests decide the demo people's pending items (bob's passport), which the
    // others read as seeded: they run after every other test, on the same server.
    { name: "console", testMatch: /console\.spec\.ts/, dependencies: ["chromium"], use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: `node ${SERVER_ARGS.join(" ")}`,
    url: `${BASE_URL}/metadata.json`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST,
      PUBLIC_URL: BASE_URL,
      DATA_DIR,
      SEED_DEMO: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
