/**
 * `npm start`: check the configuration, build if the sources changed since
 * the last build, then serve. Migrations, keys and the demo data are handled
 * by the server at start-up (instrumentation.ts).
 */
import { spawnSync } from "node:child_process";

import { ConfigError, parseEnv } from "../lib/env";
import { buildIfNeeded } from "./build-if-needed";
import { SERVER_ARGS } from "./server-command";

try {
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  // Checked before building, so a bad value is reported in a second, not after a build.
  parseEnv(process.env);
  buildIfNeeded();
  const result = spawnSync(process.execPath, SERVER_ARGS, {
    stdio: "inherit",
    env: process.env,
  });
  process.exit(result.status ?? 1);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
