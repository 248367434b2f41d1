/**
 * `npm start`: check the configuration, build if the sources changed since
 * the last build, then serve. Migrations, keys and the demo data are handled
 * by the server at start-up (instrumentation.ts).
 */
import { spawn } from "node:child_process";

import { ConfigError, parseEnv } from "../lib/env";
import { buildIfNeeded } from "./build-if-needed";
import { SERVER_ARGS } from "./server-command";

try {
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  // Checked before building, so a bad value is reported in a second, not after a build.
  parseEnv(process.env);
  buildIfNeeded();
  const server = spawn(process.execPath, SERVER_ARGS, { stdio: "inherit", env: process.env });
  // A supervisor's SIGTERM (or Ctrl-C) reaches the server, which drains and closes the database.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.kill(signal));
  server.once("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
