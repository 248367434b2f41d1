import "server-only";

import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";

import { getDb, MIGRATIONS, type Db } from "@/lib/db/client";
import { logUnexpected } from "@/lib/http/errors";

/**
 * Probes for supervisors and load balancers: /healthz says the process answers, /readyz that
 * it can do its work (the database answers and carries every migration this build ships).
 * Neither is authenticated or audited, and neither is cached anywhere on the way.
 */
const NO_STORE = { "Cache-Control": "no-store" };
/** A database that takes longer than this to answer a probe is as good as down. */
const READY_TIMEOUT_MS = 3000;

let shipped: number[] | null = null;
/** The migrations in db/migrations, by the timestamp drizzle records when it applies one. */
function shippedMigrations(): number[] {
  shipped ??= readMigrationFiles({ migrationsFolder: MIGRATIONS }).map((migration) => migration.folderMillis);
  return shipped;
}

export async function healthz(): Promise<Response> {
  return Response.json({ status: "ok" }, { headers: NO_STORE });
}

export type Readiness = { ready: true } | { ready: false; reason: string };

/** Ready when every migration in `shipped` (by default this build's) is recorded as applied in `db`. */
export async function readiness(db: Db, shipped = shippedMigrations()): Promise<Readiness> {
  const result = (await db.execute(sql`select created_at from drizzle.__drizzle_migrations`)) as unknown as { created_at: unknown }[] | { rows: { created_at: unknown }[] };
  const applied = new Set((Array.isArray(result) ? result : result.rows).map((row) => Number(row.created_at)));
  const pending = shipped.filter((when) => !applied.has(when)).length;
  return pending === 0 ? { ready: true } : { ready: false, reason: `${pending} migration(s) not applied` };
}

export async function readyz(): Promise<Response> {
  let state: Readiness;
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Readiness>((resolve) => (timer = setTimeout(() => resolve({ ready: false, reason: "the database did not answer in time" }), READY_TIMEOUT_MS)));
    state = await Promise.race([getDb().then((db) => readiness(db)), timeout]).finally(() => clearTimeout(timer));
  } catch (error) {
    logUnexpected(error, "the readiness probe");
    state = { ready: false, reason: "the database is unreachable" };
  }
  if (state.ready) return Response.json({ status: "ok" }, { headers: NO_STORE });
  return Response.json({ status: "unavailable", reason: state.reason }, { status: 503, headers: NO_STORE });
}
