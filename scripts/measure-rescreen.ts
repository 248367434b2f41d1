/**
 * Measures re-screening stored people after a new list is loaded (SPEC §8), end to end:
 * decrypting names from the database, screening, and writing results with their history.
 * Runs on a fresh embedded database in a temporary directory.
 *
 *   npx tsx --conditions=react-server scripts/measure-rescreen.ts [users] [entries]
 *
 * (`react-server` lets the `server-only` guard of the lib modules load outside Next.)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "attest-rescreen-"));
delete process.env.DATABASE_URL;

const USERS = Number(process.argv[2] ?? 10_000);
const ENTRIES = Number(process.argv[3] ?? 50_000);

const FIRST = ["Anna", "Boris", "Chen", "Dalia", "Emil", "Farah", "Goran", "Hana", "Ivo", "Jana", "Karim", "Lena", "Milan", "Nadia", "Omar", "Petra"];
const syllables = ["ka", "lo", "mi", "ren", "dor", "vel", "sta", "nik", "ova", "zen", "bar", "tul", "ish", "mar", "ped", "gon"];
let seed = 20261123;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
const surname = () => {
  const s = pick(syllables) + pick(syllables) + pick(syllables);
  return s.charAt(0).toUpperCase() + s.slice(1);
};

async function main() {
  const { getDb, closeDb } = await import("../lib/db/client");
  const { users, identityItems } = await import("../lib/db/schema");
  const { emailColumns } = await import("../lib/auth/adapter");
  const { sealItemValue } = await import("../lib/items/cipher");
  const { storeSanctionsList } = await import("../lib/screening/sanctions-list");
  const { rescreenEveryone } = await import("../lib/screening/screen");
  const { SANCTIONS_CSV_HEADER } = await import("../lib/screening/csv");

  const db = await getDb();
  const t0 = performance.now();
  for (let start = 0; start < USERS; start += 500) {
    const batch = Array.from({ length: Math.min(500, USERS - start) }, (_, i) => ({ ...emailColumns(`p${start + i}@example.com`), emailVerified: new Date() }));
    const rows = await db.insert(users).values(batch).returning({ id: users.id });
    await db.insert(identityItems).values(
      rows.flatMap(({ id }) => {
        const first = pick(FIRST);
        const last = surname();
        return [
          { userId: id, item: "name" as const, state: "pending" as const, valueEnc: sealItemValue(id, "name", { first_name: first, last_name: last, full_name: `${first} ${last}` }) },
          { userId: id, item: "date_of_birth" as const, state: "pending" as const, valueEnc: sealItemValue(id, "date_of_birth", `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`) },
        ];
      }),
    );
  }
  const csv = [SANCTIONS_CSV_HEADER, ...Array.from({ length: ENTRIES }, (_, i) => `gen-${i},Person,${pick(FIRST)} ${surname()},,19${40 + Math.floor(random() * 50)},xx,,,,,,,gen,,,`)].join("\n");
  await storeSanctionsList(db, csv, "generated");
  const t1 = performance.now();
  const result = await rescreenEveryone(db);
  const t2 = performance.now();
  console.log(`setup (${USERS} people, ${ENTRIES}-entry list)  ${Math.round(t1 - t0)} ms`);
  console.log(`rescreenEveryone                     ${Math.round(t2 - t1)} ms (${((t2 - t1) / USERS).toFixed(2)} ms per person)`);
  console.log(`screened ${result.screened}, possible matches ${result.hits}`);
  await closeDb();
}

void main();
