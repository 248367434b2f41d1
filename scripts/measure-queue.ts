/**
 * Measures the review queue (SPEC §7) at 100,000 pending items across 40,000 people:
 * the first page, a page deep in the queue (through its cursor), each filter, and
 * moving to the next case, with the plan PostgreSQL chose for the query that finds a
 * page's cases. Runs on a fresh embedded database in a temporary directory.
 *
 *   npx tsx --conditions=react-server scripts/measure-queue.ts [people] [--explain]
 *
 * (`react-server` lets the `server-only` guard of the lib modules load outside Next.)
 *
 * The data are written with set-based inserts: every person has name and date of
 * birth pending and email verified; every second person a passport pending (every
 * hundredth a proof of address instead, the rare item type); the odd ones a passport
 * still missing. Submission times spread over 90 days in an order unrelated to row
 * order. One person in ten is assigned to "me", two in ten to another reviewer; a
 * third reviewer has nothing assigned.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const dataDir = mkdtempSync(path.join(tmpdir(), "attest-queue-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const PEOPLE = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 40_000);
const EXPLAIN = process.argv.includes("--explain");
const RUNS = 7;

type Captured = { query: string; params: unknown[] };

async function main() {
  const { getDb, closeDb } = await import("../lib/db/client");
  const schema = await import("../lib/db/schema");
  const { listQueue, adjacentCase, encodeCursor } = await import("../lib/review/queue");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { sql } = await import("drizzle-orm");
  type PGlite = import("@electric-sql/pglite").PGlite;
  type Db = Awaited<ReturnType<typeof getDb>>;

  const db = await getDb();
  const client = (db as unknown as { $client: PGlite }).$client;

  const t0 = performance.now();
  const [me, other, idle] = await db
    .insert(schema.users)
    .values([{ role: "reviewer" }, { role: "reviewer" }, { role: "reviewer" }])
    .returning({ id: schema.users.id });
  await db.execute(sql`insert into users (id) select gen_random_uuid()::text from generate_series(1, ${PEOPLE})`);
  await db.execute(sql`
    with people as (select id, row_number() over (order by ocid) as n from users where role is null)
    insert into identity_items (user_id, item, state, submitted_at, assigned_to)
    select p.id, i.item::item_name, i.state::item_state,
           case when i.state = 'missing' then null
                else now() - make_interval(mins => ((p.n * 7919) % 129600)::int) + make_interval(mins => i.k * 5) end,
           case when i.state <> 'pending' then null
                when p.n % 10 = 0 then ${me!.id}
                when p.n % 10 in (1, 2) then ${other!.id} end
    from people p
    cross join lateral (values
      ('name', 'pending', 0),
      ('date_of_birth', 'pending', 1),
      (case when p.n % 100 = 0 then 'proof_of_address' else 'passport' end, case when p.n % 2 = 0 then 'pending' else 'missing' end, 2),
      ('email', 'verified', -1000)
    ) as i(item, state, k)`);
  await db.execute(sql`analyze`);
  const t1 = performance.now();
  const [{ pending, people }] = (
    await client.query<{ pending: number; people: number }>(
      "select count(*)::int as pending, count(distinct user_id)::int as people from identity_items where state = 'pending'",
    )
  ).rows as [{ pending: number; people: number }];
  console.log(`setup: ${pending.toLocaleString("en")} pending items across ${people.toLocaleString("en")} people in ${Math.round(t1 - t0)} ms`);
  const indexes = await client.query<{ indexname: string }>("select indexname from pg_indexes where tablename = 'identity_items' order by indexname");
  console.log(`identity_items indexes: ${indexes.rows.map((row) => row.indexname).join(", ")}\n`);

  // The same database, through a Drizzle instance that records the SQL it sends, for EXPLAIN.
  let captured: Captured[] = [];
  const recording = drizzle({ client, schema, logger: { logQuery: (query, params) => void captured.push({ query, params }) } }) as unknown as Db;

  const deep = (
    await client.query<{ submitted_at: Date; id: string }>(`
      select submitted_at, id from identity_items i
      where state = 'pending' and submitted_at is not null and not exists (
        select 1 from identity_items o
        where o.user_id = i.user_id and o.state = 'pending' and o.submitted_at is not null and (o.submitted_at, o.id) < (i.submitted_at, i.id))
      order by submitted_at, id offset ${Math.floor(people / 2)} limit 1`)
  ).rows[0]!;
  const deepCursor = encodeCursor({ band: 1, at: new Date(deep.submitted_at), id: deep.id }) // band 1: past the SLA, no checks' concerns;
  const someone = (await client.query<{ user_id: string }>(`select user_id from identity_items where state = 'pending' order by submitted_at offset ${Math.floor(pending / 2)} limit 1`)).rows[0]!.user_id;

  type Filter = Parameters<typeof listQueue>[1];
  const scenarios: [string, (d: Db) => Promise<unknown>][] = [
    ["first page", (d) => listQueue(d, { assignee: "anyone", age: "any" }, me!.id)],
    [`deep page (cursor after ${Math.floor(people / 2).toLocaleString("en")} cases)`, (d) => listQueue(d, { assignee: "anyone", age: "any", after: deepCursor }, me!.id)],
    ["item: proof_of_address (rare)", (d) => listQueue(d, { item: "proof_of_address", assignee: "anyone", age: "any" }, me!.id)],
    ["item: name (common)", (d) => listQueue(d, { item: "name", assignee: "anyone", age: "any" }, me!.id)],
    ["item: nationality (none pending)", (d) => listQueue(d, { item: "nationality", assignee: "anyone", age: "any" }, me!.id)],
    ["assignee: me", (d) => listQueue(d, { assignee: "me", age: "any" }, me!.id)],
    ["assignee: me, with nothing assigned", (d) => listQueue(d, { assignee: "me", age: "any" }, idle!.id)],
    ["assignee: unassigned", (d) => listQueue(d, { assignee: "unassigned", age: "any" }, me!.id)],
    ["assignee: me, deep page", (d) => listQueue(d, { assignee: "me", age: "any", after: deepCursor } as Filter, me!.id)],
    ["age: older than 7 days", (d) => listQueue(d, { assignee: "anyone", age: "7" }, me!.id)],
    ["age: older than 7 days, rare item, me", (d) => listQueue(d, { item: "proof_of_address", assignee: "me", age: "7" }, me!.id)],
    ["next case (J)", (d) => adjacentCase(d, someone, "next")],
    ["previous case (K)", (d) => adjacentCase(d, someone, "previous")],
  ];

  console.log(`${"scenario".padEnd(44)} ${"median".padStart(9)} ${"min".padStart(9)}   cases`);
  for (const [name, run] of scenarios) {
    await run(db); // warm the cache and the plan
    const times: number[] = [];
    let result: unknown;
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      result = await run(db);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const cases = typeof result === "object" && result && "cases" in result ? String((result as { cases: unknown[] }).cases.length) : String(result ? 1 : 0);
    console.log(`${name.padEnd(44)} ${times[Math.floor(RUNS / 2)]!.toFixed(1).padStart(6)} ms ${times[0]!.toFixed(1).padStart(6)} ms   ${cases}`);
    if (EXPLAIN) {
      captured = [];
      await run(recording);
      for (const query of process.argv.includes("--all-queries") ? captured : captured.slice(0, 1)) {
        const plan = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers off, timing off, summary on) ${query.query}`, query.params as unknown[]);
        console.log(plan.rows.map((row) => `    ${row["QUERY PLAN"]}`).join("\n"));
      }
    }
  }
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
}

void main();
