import { sql } from "drizzle-orm";
import { it } from "vitest";

import { recordAudit } from "@/lib/audit/log";
import { sequenceAll, startAuditSequencer } from "@/lib/transparency/tree";
import { getDb, type Db } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { getEnv } from "@/lib/env";

it("measures lag", async () => {
  const db = await getDb();
  await sequenceAll(db);
  const [{ default: postgres }, { drizzle }] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]);
  const client = postgres(getEnv().databaseUrl!, { max: 10, onnotice: () => {} });
  const other = drizzle({ client, schema }) as unknown as Db;
  startAuditSequencer(db);
  const start = new Date();
  const until = Date.now() + 15_000;
  let n = 0;
  const writer = async (instance: Db) => {
    while (Date.now() < until) {
      await instance.transaction(async (tx) => {
        await recordAudit(tx, { actor: { type: "system" }, action: "test.lag" });
        await tx.execute(sql`select pg_sleep(0.002)`);
      });
      n += 1;
    }
  };
  await Promise.all([...Array.from({ length: 8 }, () => writer(db)), ...Array.from({ length: 8 }, () => writer(other))]);
  await new Promise((r) => setTimeout(r, 1500));
  const result = await db.execute(sql`
    select percentile_cont(array[0.5, 0.99, 1]) within group (order by lag) as p, count(*)::int as n from (
      select extract(epoch from (select min(h.signed_at) from audit_tree_heads h where h.size > a.leaf_index) - a.created_at) as lag
      from audit_log a where a.created_at >= ${start.toISOString()}::timestamptz and a.action = 'test.lag') t`);
  console.log("LAG", JSON.stringify(result), "writes/s", n / 15);
  await client.end();
}, 60_000);
