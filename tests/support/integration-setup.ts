import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll } from "vitest";

/**
 * Each integration test file gets its own data directory (keys, mailbox,
 * embedded database). On PostgreSQL the files share one database and own
 * their rows: every test makes its own users and partners.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "attest-it-"));
process.env.DATA_DIR = dataDir;
// On PostgreSQL every test file shares one database, so all of them must share the data
// encryption key, as the instances of one deployment do. A test-only key, never a real one.
process.env.DATA_ENCRYPTION_KEY ??= createHash("sha256").update("attest integration tests only").digest("base64");
process.env.PUBLIC_URL ??= "http://127.0.0.1:3999";
if (process.env.TEST_DATABASE === "postgres") {
  if (!process.env.TEST_DATABASE_URL) throw new Error("TEST_DATABASE=postgres needs TEST_DATABASE_URL");
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  // With DATABASE_URL nothing is generated: each file is given its own keys, as an operator
  // gives a deployment's instances theirs.
  const { generateKeySet } = await import("@/lib/keys");
  for (const [name, value] of Object.entries(generateKeySet())) process.env[name] ??= value;
} else {
  delete process.env.DATABASE_URL;
}

// Opening and migrating the database is the slow part of a file's first test; done here, under
// the hook timeout. Only that: what a file needs in it (a signing key, demo data) it adds itself.
beforeAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb();
});

afterAll(async () => {
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  // Generated test keys and the embedded database go with the file that made them.
  rmSync(dataDir, { recursive: true, force: true });
});
