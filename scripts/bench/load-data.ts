/**
 * Loads the benchmark's users and partners into the database the server is
 * about to open (DATA_DIR or DATABASE_URL), through the application's own
 * storage code: encrypted values, blind indexes, grants.
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
for (let start = 0; start < userCount; start += BATCH) {
  const indexes = Array.from({ length: Math.min(BATCH, userCount - start) }, (_, offset) => start + offset);
  await db.transaction(async (tx) => {
    const created = await tx
      .insert(users)
      .values(indexes.map((index) => ({ ...emailColumns(benchUserValues(index).email), ocid: benchUserOcid(index), emailVerified: verifiedAt })))
      .returning({ id: users.id, ocid: users.ocid });
    const idOf = new Map(created.map((row) => [row.ocid, row.id]));
    await tx.insert(identityItems).values(
      indexes.flatMap((index) =>
        VALIDATE_GRANTS.map((item) => ({
          userId: idOf.get(benchUserOcid(index))!,
          item,
          state: "verified" as const,
          valueEnc: sealItemValue(idOf.get(benchUserOcid(index))!, item, benchUserValues(index)[item]),
          valueIndex: item === "phone" ? blindIndex("phone", benchUserValues(index).phone) : null,
          submittedAt: verifiedAt,
          verifiedAt,
          expiresAt: verificationExpiry(verifiedAt),
        })),
      ),
    );
    await tx.insert(grants).values(
      indexes.flatMap((index) =>
        VALIDATE_GRANTS.map((item) => ({
          userId: idOf.get(benchUserOcid(index))!,
          partnerOcid: benchPartner(partnerIndexOf(index, partnerCount)).ocid,
          item,
          decision: "granted" as const,
          grantedAt: verifiedAt,
        })),
      ),
    );
  });
}
const actor = { type: "system" as const };
const account = await createAccount(db, { name: "Bench API account", partnerOcid: benchPartner(CREDENTIALS_PARTNER_INDEX).ocid }, actor);
await topUp(db, account.id, BENCH_ACCOUNT_CREDITS, "benchmark", actor);
await db.update(apiAccounts).set({ rateLimitPerMinute: BENCH_RATE_LIMIT }).where(eq(apiAccounts.id, account.id));
const { key } = await createApiKey(db, account.id, "test", actor);
writeFileSync(apiKeyFile, key, { mode: 0o600 });
await closeDb();
console.log(`loaded ${userCount} users, ${partnerCount} partners and an API account with ${BENCH_ACCOUNT_CREDITS} credits`);
