import { fileURLToPath } from "node:url";

import { defineConfig, devices } from "@playwright/test";

import { CHROMIUM_ARGS } from "../../scripts/server-command";
import { HOSTNAME, makeTls, type Tls } from "./topology";

/**
 * The deployment tests: Chromium talks to https://attest.test:<port> (Caddy, two instances,
 * PostgreSQL; see global-setup.ts). The name is mapped to 127.0.0.1 for the browser only, and
 * the browser trusts the CA made for this run, added to a certificate store of its own:
 * certificate checks stay on.
 */
function tlsOnce(): Tls {
  // The config is read by the runner and again by each worker: one CA for all of them.
  if (process.env.DEPLOY_TLS) return JSON.parse(process.env.DEPLOY_TLS) as Tls;
  const tls = makeTls();
  process.env.DEPLOY_TLS = JSON.stringify(tls);
  return tls;
}
const tls = tlsOnce();

export default defineConfig({
  testDir: ".",
  testMatch: /\.spec\.ts$/,
  globalSetup: fileURLToPath(new URL("./global-setup.ts", import.meta.url)),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        ...CHROMIUM_ARGS,
        `--host-resolver-rules=MAP ${HOSTNAME} 127.0.0.1`,
      ],
      env: { ...process.env, HOME: tls.browserHome },
    },
  },
  projects: [{ name: "deployed", use: { ...devices["Desktop Chrome"], channel: undefined } }],
});
