import { spawnSync } from "node:child_process";

import { describe, expect, it } from "vitest";

/** `npm start` checks the configuration before anything else. */
describe("start-up configuration check", () => {
  it.each([
    ["PORT", { PORT: "eighty" }, /^Invalid configuration: PORT must be a port number$/],
    ["DOCUMENT_URL_TTL_SECONDS", { DOCUMENT_URL_TTL_SECONDS: "7200" }, /^Invalid configuration: DOCUMENT_URL_TTL_SECONDS must be at most 3600$/],
    ["DATABASE_URL", { DATABASE_URL: "mysql://db" }, /^Invalid configuration: DATABASE_URL /],
  ])("stops with exit code 1 and one line naming %s", (_name, env, line) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });
});
