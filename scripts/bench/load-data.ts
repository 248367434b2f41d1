/**
 * Loads the benchmark's users and partners into the database the server is
 * about to open (DATA_DIR or DATABASE_URL), sealed by the application's own
 * code: encrypted values, blind indexes, grants. On PostgreSQL by COPY, so a
 * million people load in minutes.
 * Run with `node --conditions=react-server --import tsx` (server-only modules).
 * Also creates the Credentials API account (linked to partner 0, with
 * credits to spare so no request of the run is refused for want of them) and
 * writes its API key, shown once as in the console, to <API key file>.
 * Usage: load-data.ts <users> <partners> <metadata base URL> <API key file>
 */
import { writeFileSync } from "node:fs";

import { eq } from "drizzle-orm";

import { emailColumns } from "../../lib/auth/adapter";
import { createAccount, createApiKey, topUp } from "../../lib/credentials/accounts";
import { closeDb, getDb } from "../../lib/db/client";
import { apiAccounts, grants, identityItems, partners, users } from "../../lib/db/schema";
import { sealItemValue } from "../../lib/items/cipher";
import { verificationExpiry } from "../../lib/items/store";
import { blindIndex } from "../../lib/security/encryption";
import {
  BENCH_ACCOUNT_CREDITS,
  benchPartner,
  benchUserOcid,
  benchUserValues,
  CREDENTIALS_PARTNER_INDEX,
  partnerIndexOf,
  VALIDATE_GRANTS,
} from "./fixtures";

const [userCount, partnerCount, metadataBase, apiKeyFile] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]!, process.argv[5]!];
const BATCH = 250;
/** People per COPY write on PostgreSQL. */
const COPY_CHUNK = 2000;
const BENCH_RATE_LIMIT = 1_000_000;

const db = await getDb();
await db.insert(partners).values(
  Array.from({ length: partnerCount }, (_, index) => {
    const partner = benchPartner(index);
    return {
      ocid: partner.ocid,
      name: `Bench Partner ${index}`,
      metadataUrl: `${metadataBase}/partner/${partner.ocid}.json`,
      callbackOrigins: [new URL(metadataBase).origin],
      // Rate limiting stays on, counting every request, at a limit the load never reaches.
      rateLimitPerMinute: BENCH_RATE_LIMIT,
    };
  }),
);

const verifiedAt = new Date();
const expiresAt = verificationExpiry(verifiedAt);

/** What the application stores for person i, sealed by its own code: the user row, their items and grants. */
const userRow = (index: number) => ({ ...emailColumns(benchUserValues(index).email), id: userIds[index]!, ocid: benchUserOcid(index), emailVerified: verifiedAt });
const itemRows = (index: number) =>
  VALIDATE_GRANTS.map((item) => ({
    userId: userIds[index]!,
    item,
    state: "verified" as const,
    valueEnc: sealItemValue(userIds[index]!, item, benchUserValues(index)[item]),
    valueIndex: item === "phone" ? blindIndex("phone", benchUserValues(index).phone) : null,
    submittedAt: verifiedAt,
    verifiedAt,
    expiresAt,
  }));
const grantRows = (index: number) =>
  VALIDATE_GRANTS.map((item) => ({ userId: userIds[index]!, partnerOcid: benchPartner(partnerIndexOf(index, partnerCount)).ocid, item, decision: "granted" as const, grantedAt: verifiedAt }));

const userIds = Array.from({ length: userCount }, () => crypto.randomUUID());
if (process.env.DATABASE_URL) await copyPeople(process.env.DATABASE_URL);
else {
  for (let start = 0; start < userCount; start += BATCH) {
    const indexes = Array.from({ length: Math.min(BATCH, userCount - start) }, (_, offset) => start + offset);
    await db.transaction(async (tx) => {
      await tx.insert(users).values(indexes.map(userRow));
      await tx.insert(identityItems).values(indexes.flatMap(itemRows));
      await tx.insert(grants).values(indexes.flatMap(grantRows));
    });
  }
}

/**
 * PostgreSQL: COPY, in chunks of people sealed while the previous chunk is written. As
 * pg_restore does, the items' and grants' keys, indexes and foreign keys are dropped for the
 * copy and made again after it, each in one pass over the table (and checked then: a
 * duplicate or a dangling user fails the load), instead of row by row. What this writes is what
 * the storage code writes; only the path to the tables is the bulk one.
 */
async function copyPeople(url: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 3, onnotice: () => {} });
  const timestamp = verifiedAt.toISOString();
  const field = (value: string | number | null) => (value === null ? "\\N" : String(value));
  const line = (values: (string | number | null)[]) => `${values.map(field).join("\t")}\n`;
  const phase = async (name: string, work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    console.log(`  ${name}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  };
  const copy = (table: string, rows: (index: number) => string) =>
    phase(`copied ${table}`, async () => {
      const writable = await sql.unsafe(`copy ${table} from stdin`).writable();
      for (let start = 0; start < userCount; start += COPY_CHUNK) {
        let text = "";
        for (let index = start; index < Math.min(userCount, start + COPY_CHUNK); index++) text += rows(index);
        if (!writable.write(text)) await new Promise((resolve) => writable.once("drain", resolve));
      }
      await new Promise<void>((resolve, reject) => writable.end((error?: Error | null) => (error ? reject(error) : resolve())));
    });
  // Keys before the foreign keys that lean on them (other tables' too), then plain indexes.
  const bulkTables = ["identity_items", "grants"];
  const constraints = await sql<{ table: string; name: string; definition: string }[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
    where (conrelid::regclass::text in ${sql(bulkTables)} and contype in ('p', 'u', 'f')) or (contype = 'f' and confrelid::regclass::text in ${sql(bulkTables)})
    order by contype = 'f', conname`;
  const indexes = await sql<{ name: string; definition: string }[]>`
    select indexname as name, indexdef as definition from pg_indexes
    where tablename in ${sql(bulkTables)} and indexname not in (select conname from pg_constraint)`;
  for (const { name } of indexes) await sql.unsafe(`drop index "${name}"`);
  for (const { table, name } of [...constraints].reverse()) await sql.unsafe(`alter table "${table}" drop constraint "${name}"`);
  // With the keys dropped nothing orders the three: Node seals items while PostgreSQL writes the rest.
  await Promise.all([
    copy("users (id, ocid, email_index, email_enc, email_verified)", (index) => {
      const user = userRow(index);
      return line([user.id, user.ocid, user.email, user.emailEnc, timestamp]);
    }),
    copy("identity_items (user_id, item, state, value_enc, value_index, submitted_at, verified_at, expires_at)", (index) =>
      itemRows(index)
        .map((item) => line([item.userId, item.item, item.state, item.valueEnc, item.valueIndex, timestamp, timestamp, expiresAt.toISOString()]))
        .join(""),
    ),
    copy("grants (user_id, partner_ocid, item, decision, granted_at)", (index) =>
      grantRows(index)
        .map((grant) => line([grant.userId, grant.partnerOcid, grant.item, grant.decision, timestamp]))
        .join(""),
    ),
  ]);
  await phase("keys, indexes and foreign keys rebuilt", async () => {
    for (const { table, name, definition } of constraints) await sql.unsafe(`alter table "${table}" add constraint "${name}" ${definition}`);
    for (const { definition } of indexes) await sql.unsafe(definition);
  });
  await phase("analyzed", () => sql`analyze`);
  await sql.end();
}
const actor = { type: "system" as const };
const account = await createAccount(db, { name: "Bench API account", partnerOcid: benchPartner(CREDENTIALS_PARTNER_INDEX).ocid }, actor);
await topUp(db, account.id, BENCH_ACCOUNT_CREDITS, "benchmark", actor);
await db.update(apiAccounts).set({ rateLimitPerMinute: BENCH_RATE_LIMIT }).where(eq(apiAccounts.id, account.id));
const { key } = await createApiKey(db, account.id, "test", actor);
writeFileSync(apiKeyFile, key, { mode: 0o600 });
await closeDb();
console.log(`loaded ${userCount} users, ${partnerCount} partners and an API account with ${BENCH_ACCOUNT_CREDITS} credits`);
