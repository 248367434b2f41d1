import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { SERVER_ARGS } from "../scripts/server-command";

/** Production (NODE_ENV and ATTEST_ENV both "production") generates no keys: missing ones stop the server. */
test("production without keys refuses to start, naming the missing key", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "attest-prod-"));
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: { ...process.env, NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540", DATA_DIR: dataDir, PORT: "3199", HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
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
