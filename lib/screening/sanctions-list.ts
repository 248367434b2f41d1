import "server-only";

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";

import { desc } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { sanctionsLists } from "@/lib/db/schema";
import { parseSanctionsCsv } from "@/lib/screening/csv";

/**
 * The sanctions list in force is the newest one stored. It is kept in the
 * database (gzip of the CSV as loaded) so every instance screens against the
 * same version; the version is a short hash of the content.
 */
export type LoadedList = { id: string; version: string; entryCount: number; source: string; createdAt: Date };

export async function storeSanctionsList(db: DbOrTx, csv: string, source: string, loadedBy: string | null = null): Promise<LoadedList> {
  const entries = parseSanctionsCsv(csv);
  const version = createHash("sha256").update(csv).digest("hex").slice(0, 12);
  const [row] = await db
    .insert(sanctionsLists)
    .values({ version, source, entryCount: entries.length, contentGz: gzipSync(csv), loadedBy })
    .returning();
  return { id: row!.id, version, entryCount: entries.length, source, createdAt: row!.createdAt };
}

export async function currentSanctionsList(db: DbOrTx): Promise<(LoadedList & { csv: string }) | null> {
  const [row] = await db.select().from(sanctionsLists).orderBy(desc(sanctionsLists.createdAt)).limit(1);
  if (!row) return null;
  return { id: row.id, version: row.version, entryCount: row.entryCount, source: row.source, createdAt: row.createdAt, csv: gunzipSync(row.contentGz).toString("utf8") };
}

/**
 * SANCTIONS_LIST at start-up: loaded unless that exact content is already the current list.
 * True when a new list was stored, so the caller re-screens everyone.
 */
export async function loadSanctionsListFile(db: DbOrTx, file: string): Promise<boolean> {
  const csv = readFileSync(file, "utf8");
  const current = await currentSanctionsList(db);
  if (current?.csv === csv) return false;
  await storeSanctionsList(db, csv, file);
  return true;
}

/** The list in force without its content: cheap enough to ask on every screening. */
export async function currentSanctionsListInfo(db: DbOrTx): Promise<LoadedList | null> {
  const [row] = await db
    .select({ id: sanctionsLists.id, version: sanctionsLists.version, entryCount: sanctionsLists.entryCount, source: sanctionsLists.source, createdAt: sanctionsLists.createdAt })
    .from(sanctionsLists)
    .orderBy(desc(sanctionsLists.createdAt))
    .limit(1);
  return row ?? null;
}
