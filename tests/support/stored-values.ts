import { sql } from "drizzle-orm";

import type { Db } from "@/lib/db/client";

/**
 * Searches every text, JSON and binary column of every table for given values, so a test
 * can show that nothing anywhere still holds them: new tables and columns are searched too,
 * without the test naming them.
 */
export type Needle = { label: string; value: string | Buffer };

type Column = { table: string; column: string; type: string };

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as T[];
}

async function searchableColumns(db: Db): Promise<Column[]> {
  const result = await db.execute(sql`
    select table_name as "table", column_name as "column", data_type as "type"
    from information_schema.columns
    where table_schema = current_schema() and data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea')
    order by table_name, column_name`);
  return rowsOf<Column>(result);
}

/** "table.column holds label" for each needle found, with `ignore` telling which hits are expected. */
export async function whereStored(db: Db, needles: Needle[], ignore: (table: string, label: string) => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column, type } of await searchableColumns(db)) {
    const binary = type === "bytea";
    const tests = needles.map(({ value }) => {
      const col = sql.identifier(column);
      if (binary) return sql`count(*) filter (where position(${Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8")}::bytea in ${col}) > 0)::int`;
      // Bytes searched in a text column as the base64 a text column would hold them in.
      const text = Buffer.isBuffer(value) ? value.toString("base64") : value;
      return sql`count(*) filter (where strpos(${col}::text, ${text}) > 0)::int`;
    });
    const columns = sql.join(tests.map((test, i) => sql`${test} as ${sql.identifier(`n${i}`)}`), sql`, `);
    const [counts] = rowsOf<Record<string, number>>(await db.execute(sql`select ${columns} from ${sql.identifier(table)}`));
    needles.forEach(({ label }, i) => {
      if (Number(counts?.[`n${i}`] ?? 0) > 0 && !ignore(table, label)) found.push(`${table}.${column} holds ${label}`);
    });
  }
  return found;
}
