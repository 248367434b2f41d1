/**
 * Loads the benchmark's users and partners into the database the server is
 * about to open (DATA_DIR or DATABASE_URL), through the application's own
 * storage code: encrypted values, blind indexes, grants.
 * Run with `node --conditions=react-server --import tsx` (server-only modules).
 * Usage: load-data.ts <users> <partners> <metadata base URL>
 */
import { emailColumns } from "../../lib/auth/adapter";
import { closeDb, getDb } from "../../lib/db/client";
import { grants, identityItems, partners, users } from "../../lib/db/schema";
import { verificationExpiry } from "../../lib/kyc/item-store";
import { blindIndex, encryptJson } from "../../lib/security/encryption";
import { benchPartner, benchUserOcid, partnerIndexOf, VALIDATE_GRANTS } from "./fixtures";

const [userCount, partnerCount, metadataBase] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]!];
const BATCH = 250;

function valuesFor(index: number) {
  const first = `Bench${index}`;
  return {
    name: { first_name: first, last_name: "Loadtest", full_name: `${first} Loadtest` },
    email: `bench-${index}@example.com`,
    phone: `+4477009${String(index).padStart(5, "0")}`,
    date_of_birth: "1988-07-14",
    nationality: "GB",
    address: { street: `${index} Bench Road`, city: "Leeds", state: "", postal_code: "LS1 1AA", country: "GB" },
  } as const;
}

const db = await getDb();
await db.insert(partners).values(
  Array.from({ length: partnerCount }, (_, index) => {
    const partner = benchPartner(index);
    return {
      ocid: partner.ocid,
      name: `Bench Partner ${index}`,
      metadataUrl: `${metadataBase}/partner/${partner.ocid}.json`,
      callbackOrigins: [new URL(metadataBase).origin],
    };
  }),
);

const verifiedAt = new Date();
for (let start = 0; start < userCount; start += BATCH) {
  const indexes = Array.from({ length: Math.min(BATCH, userCount - start) }, (_, offset) => start + offset);
  await db.transaction(async (tx) => {
    const created = await tx
      .insert(users)
      .values(indexes.map((index) => ({ ...emailColumns(valuesFor(index).email), ocid: benchUserOcid(index), emailVerified: verifiedAt })))
      .returning({ id: users.id, ocid: users.ocid });
    const idOf = new Map(created.map((row) => [row.ocid, row.id]));
    await tx.insert(identityItems).values(
      indexes.flatMap((index) =>
        VALIDATE_GRANTS.map((item) => ({
          userId: idOf.get(benchUserOcid(index))!,
          item,
          state: "verified" as const,
          valueEnc: encryptJson(valuesFor(index)[item], `identity_items.${item}`),
          valueIndex: item === "phone" ? blindIndex("phone", valuesFor(index).phone) : null,
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
await closeDb();
console.log(`loaded ${userCount} users and ${partnerCount} partners`);
