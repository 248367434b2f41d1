import "server-only";

import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";

import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";

import { getEnv } from "@/lib/env";
import * as schema from "@/lib/db/schema";
import { reportPoolWith } from "@/lib/http/metrics";
import { forget, recall, remember } from "@/lib/state/remember";

/**
 * One database per process: embedded PGlite under $DATA_DIR/pg when no
 * DATABASE_URL is set, otherwise a pooled PostgreSQL connection. Both speak
 * the same Drizzle PostgreSQL dialect, run the same migrations, and are used
 * through the same `Db` type, so no code path depends on which one it is.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
/** Either the database or an open transaction: operations accept both. */
export type DbOrTx = Db | Tx;

/** The rows of a raw statement: PGlite's driver returns `{ rows }`, postgres.js the rows themselves. */
export async function executeRows<Row>(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = await db.execute(query);
  return ((result as { rows?: unknown[] }).rows ?? (result as unknown as unknown[])) as Row[];
}

type Handle = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

export const MIGRATIONS = path.join(process.cwd(), "db/migrations");
const MIGRATION_LOCK = 0x41747465; // "Atte"
const POOL_MAX = 10;

async function openPglite(dataDir: string): Promise<Handle> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const dir = path.join(dataDir, "pg");
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}

async function openPostgres(url: string): Promise<Handle> {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("drizzle-orm/postgres-js/migrator"),
  ]);
  // One connection holding an advisory lock, so instances starting together migrate once.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle({ client: migrator }), { migrationsFolder: MIGRATIONS });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await migrator.end();
  }
  // postgres.js keeps its pool's state to itself; the server's view of this process's
  // connections, found by a name no other process uses, feeds the pool gauge in /metrics.
  const applicationName = `attest-${randomUUID().slice(0, 8)}`;
  const client = postgres(url, { max: POOL_MAX, onnotice: () => {}, connection: { application_name: applicationName } });
  reportPoolWith(async () => {
    const rows = await client<{ state: string | null; count: number }[]>`select state, count(*)::int as count from pg_stat_activity where application_name = ${applicationName} group by state`;
    const total = rows.reduce((sum, row) => sum + row.count, 0);
    const idle = rows.find((row) => row.state === "idle")?.count ?? 0;
    // The query counting them holds one of the connections itself.
    return { active: Math.max(total - idle - 1, 0), idle, max: POOL_MAX };
  });
  const db = drizzle({ client, schema });
  return { db: db as unknown as Db, kind: "postgres", close: () => client.end() };
}

async function open(): Promise<Handle> {
  const env = getEnv();
  return env.databaseUrl ? openPostgres(env.databaseUrl) : openPglite(env.dataDir);
}

function handle(): Promise<Handle> {
  return remember("db", open);
}

/**
 * The database, opened and migrated: nothing more. What the application keeps in it
 * (the signing key, the demo data, the sanctions list) is start-up's job (lib/startup.ts).
 */
export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

export async function databaseKind(): Promise<Handle["kind"]> {
  return (await handle()).kind;
}

/** Runs `stop` when the database is closed, and waits for it: a periodic job holding it must not outlive it. */
export function onCloseDb(stop: () => void | Promise<void>): void {
  remember<Array<() => void | Promise<void>>>("db-on-close", () => []).push(stop);
}

export async function closeDb(): Promise<void> {
  // The jobs first, while their passes can still finish their queries.
  await Promise.all((recall<Array<() => void | Promise<void>>>("db-on-close")?.splice(0) ?? []).map((stop) => stop()));
  const current = recall<Promise<Handle>>("db");
  forget("db");
  if (current) await (await current).close();
}
