import "server-only";

import { readFileSync } from "node:fs";
import path from "node:path";

import { count, sql } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { hashApiKey } from "@/lib/credentials/api-keys";
import type { Db, Tx } from "@/lib/db/client";
import { apiAccounts, apiKeys, creditLedger, grants, partners, users } from "@/lib/db/schema";
import { DEMO_GATEWAY, demoGatewayMetadataUrl } from "@/lib/demo/gateway";
import { createDemoUser, seedItem, type Person } from "@/lib/demo/people";
import { seedReviewCases } from "@/lib/demo/review-cases";
import { getEnv } from "@/lib/env";
import { ITEMS, type Item } from "@/lib/items/items";
import { storeSanctionsList } from "@/lib/screening/sanctions-list";

/**
 * The demo data set (SPEC §10), loaded once into an empty database. Every
 * value is invented; the images are drawn by code.
 */
export const DEMO_API_KEY = "sk_test_demo_0123456789abcdef";
export const SAMPLE_SANCTIONS_LIST = path.join(process.cwd(), "db/seed/sanctions-sample.csv");

const ALICE: Person = {
  email: "alice@example.com",
  ocid: 12345,
  first: "Alice",
  last: "Martin",
  dob: "1990-04-12",
  sex: "F",
  phone: "+447700900123",
  nationality: "GB",
  address: { street: "12 Harbour Street", city: "Bristol", state: "", postal_code: "BS1 4RN", country: "GB" },
  passportNumber: "533401372",
  idNumber: "GB7741209A",
  licenceNumber: "MARTI904120AM9XY",
  seed: 11,
};

const BOB: Person = {
  email: "bob@example.com",
  ocid: 12346,
  first: "Bob",
  last: "Okafor",
  dob: "1985-09-30",
  sex: "M",
  phone: "+2348031234567",
  nationality: "NG",
  address: { street: "4 Awolowo Road", city: "Lagos", state: "Lagos", postal_code: "101233", country: "NG" },
  passportNumber: "A08273645",
  idNumber: "NG55102938",
  licenceNumber: "LAG85930BO12",
  seed: 23,
};

const CAROL: Person = {
  email: "carol@example.com",
  ocid: 12347,
  first: "Carol",
  last: "Nguyen",
  dob: "1992-01-25",
  sex: "F",
  phone: "+33612345678",
  nationality: "FR",
  address: { street: "27 Rue des Lilas", city: "Lyon", state: "", postal_code: "69003", country: "FR" },
  passportNumber: "19FR48213",
  idNumber: "FR920125CN",
  licenceNumber: "FR92012577",
  seed: 37,
};

const DAY_MS = 24 * 60 * 60 * 1000;

async function grantAll(tx: Tx, userId: string, denied: Item[] = []): Promise<void> {
  const now = new Date();
  await tx.insert(grants).values(
    ITEMS.map((item) => ({
      userId,
      partnerOcid: DEMO_GATEWAY.ocid,
      item,
      decision: denied.includes(item) ? ("denied" as const) : ("granted" as const),
      decidedAt: now,
      grantedAt: denied.includes(item) ? null : now,
    })),
  );
}

async function seed(tx: Tx): Promise<void> {
  const env = getEnv();
  const list = await storeSanctionsList(tx, readFileSync(SAMPLE_SANCTIONS_LIST, "utf8"), "demo sample", null);
  // The same label screening writes (lib/screening/screen.ts): the list's content hash.
  const listVersion = list.version;

  const aliceId = await createDemoUser(tx, ALICE.email, ALICE.ocid);
  const bobId = await createDemoUser(tx, BOB.email, BOB.ocid);
  const carolId = await createDemoUser(tx, CAROL.email, CAROL.ocid);
  // New people get OCIDs after the demo ones.
  await tx.execute(sql`select setval('user_ocid_seq', (select max(ocid) from users))`);
  const adminId = await createDemoUser(tx, "admin@example.com", undefined, "admin");
  const reviewerId = await createDemoUser(tx, "reviewer@example.com", undefined, "reviewer");

  const verifiedAt = new Date(Date.now() - 30 * DAY_MS);
  for (const [userId, person] of [
    [aliceId, ALICE],
    [carolId, CAROL],
  ] as const) {
    for (const item of ITEMS) await seedItem({ tx, userId, person, verifiedAt, reviewerId, listVersion }, item, "verified");
  }
  const bob = { tx, userId: bobId, person: BOB, verifiedAt, reviewerId, listVersion };
  for (const item of ["name", "email", "date_of_birth"] as const) await seedItem(bob, item, "verified");
  await seedItem({ ...bob, verifiedAt: new Date(Date.now() - 2 * DAY_MS) }, "passport", "pending");

  await tx.insert(partners).values({
    ocid: DEMO_GATEWAY.ocid,
    name: DEMO_GATEWAY.name,
    metadataUrl: demoGatewayMetadataUrl(),
    callbackOrigins: [env.publicUrl.origin],
    allowedGrants: null,
    retentionNote: "Demo only: data is shown on screen and not kept.",
    itemPurposes: { name: "To address you by name in the demo.", passport: "To show how a gateway checks an identity document." },
  });
  await grantAll(tx, aliceId);
  await grantAll(tx, carolId, ["liveness"]);

  const [account] = await tx.insert(apiAccounts).values({ name: "Demo Bank", partnerOcid: DEMO_GATEWAY.ocid, balance: 1000 }).returning();
  await tx.insert(creditLedger).values({ accountId: account!.id, delta: 1000, reason: "top_up", reference: "demo data set" });
  await tx.insert(apiKeys).values({ accountId: account!.id, label: "sk_test_demo…cdef", keyHash: hashApiKey(DEMO_API_KEY) });

  await seedReviewCases(tx, { reviewerId, listVersion, verifiedAt });

  await recordAudit(tx, { actor: { type: "system" }, action: "demo.seeded", details: { users: 9, partners: [DEMO_GATEWAY.ocid], adminId } });
}

/** Seeds only a database with no users at all; concurrent starters seed once. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${0x73656564})`);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(users);
    if (total > 0) return false;
    await seed(tx);
    return true;
  });
}
