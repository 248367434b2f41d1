import "server-only";

import { readFileSync } from "node:fs";
import path from "node:path";

import { count, sql } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { emailColumns } from "@/lib/auth/adapter";
import { hashApiKey } from "@/lib/credentials/api-keys";
import type { Db, Tx } from "@/lib/db/client";
import { apiAccounts, apiKeys, creditLedger, grants, partners, users } from "@/lib/db/schema";
import { renderIdCardImage, renderPassportImage, renderProofOfAddressImage, renderSelfieImage } from "@/lib/demo/document-images";
import { DEMO_GATEWAY, demoGatewayMetadataUrl } from "@/lib/demo/gateway";
import { seedReviewCases } from "@/lib/demo/review-cases";
import { getEnv } from "@/lib/env";
import { addDays, documentLapsesAt, isoDateOf } from "@/lib/items/dates";
import { storeDocument } from "@/lib/documents/store";
import { writeItem } from "@/lib/items/store";
import { ITEMS, type Item } from "@/lib/items/items";
import { buildPassportMrz } from "@/lib/documents/mrz";
import { storeSanctionsList } from "@/lib/screening/sanctions-list";

/**
 * The demo data set (SPEC §10), loaded once into an empty database. Every
 * value is invented; the images are drawn by code.
 */
export const DEMO_API_KEY = "sk_test_demo_0123456789abcdef";
export const SAMPLE_SANCTIONS_LIST = path.join(process.cwd(), "db/seed/sanctions-sample.csv");

export type Person = {
  email: string;
  ocid: number;
  first: string;
  last: string;
  dob: string;
  sex: "F" | "M";
  phone: string;
  nationality: string;
  nationalityAlpha3: string;
  address: { street: string; city: string; state: string; postal_code: string; country: string };
  passportNumber: string;
  idNumber: string;
  licenceNumber: string;
  seed: number;
};

const ALICE: Person = {
  email: "alice@example.com",
  ocid: 12345,
  first: "Alice",
  last: "Martin",
  dob: "1990-04-12",
  sex: "F",
  phone: "+447700900123",
  nationality: "GB",
  nationalityAlpha3: "GBR",
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
  nationalityAlpha3: "NGA",
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
  nationalityAlpha3: "FRA",
  address: { street: "27 Rue des Lilas", city: "Lyon", state: "", postal_code: "69003", country: "FR" },
  passportNumber: "19FR48213",
  idNumber: "FR920125CN",
  licenceNumber: "FR92012577",
  seed: 37,
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** For the console's sample cases (lib/demo/review-cases.ts). */
export const createDemoUser = (tx: Tx, email: string) => createUser(tx, email);

async function createUser(tx: Tx, email: string, ocid?: number, role: "admin" | "reviewer" | null = null): Promise<string> {
  const [row] = await tx
    .insert(users)
    .values({ ...emailColumns(email), emailVerified: new Date(), role, ...(ocid !== undefined && { ocid }) })
    .returning({ id: users.id });
  return row!.id;
}

export type SeedContext = { tx: Tx; userId: string; person: Person; verifiedAt: Date; reviewerId: string; listVersion: string };

/** Writes one item in the given state, with the documents it needs. */
export async function seedItem(context: SeedContext, item: Item, state: "verified" | "pending", override: Record<string, unknown> = {}): Promise<void> {
  const { tx, userId, person: p, verifiedAt, reviewerId } = context;
  const today = isoDateOf(verifiedAt);
  const write = (value: unknown, documentExpiresAt?: string) =>
    writeItem(tx, {
      userId,
      item,
      state,
      value,
      at: verifiedAt,
      actorId: state === "verified" ? reviewerId : userId,
      action: state === "verified" ? "demo.verified" : "demo.submitted",
      documentExpiresAt: documentExpiresAt ? documentLapsesAt(documentExpiresAt) : null,
    });
  const image = async (side: "front" | "page" | "selfie", png: Promise<Buffer>) =>
    storeDocument(tx, { userId, item, side, contentType: "image/png", bytes: await png });
  const fullName = `${p.first} ${p.last}`;

  switch (item) {
    case "name":
      return void (await write({ first_name: p.first, last_name: p.last, full_name: fullName }));
    case "email":
      return void (await write(p.email));
    case "phone":
      return void (await write(p.phone));
    case "date_of_birth":
      return void (await write(p.dob));
    case "nationality":
      return void (await write(p.nationality));
    case "address":
      return void (await write(p.address));
    case "passport": {
      const issued = "2021-06-01";
      const expires = "2031-05-31";
      const mrz = buildPassportMrz({
        documentNumber: p.passportNumber,
        issuingCountry: p.nationalityAlpha3,
        nationality: p.nationalityAlpha3,
        lastName: p.last,
        firstName: p.first,
        birthDate: p.dob,
        sex: p.sex,
        expirationDate: expires,
      });
      const lines = mrz.split("\n") as [string, string];
      const front = await image(
        "front",
        renderPassportImage({
          lastName: p.last,
          firstNames: p.first,
          nationality: p.nationalityAlpha3,
          birthDate: p.dob,
          sex: p.sex,
          number: p.passportNumber,
          issuedAt: issued,
          expiresAt: expires,
          mrz: lines,
          seed: p.seed,
        }),
      );
      return void (await write(
        { number: p.passportNumber, country: p.nationality, issued_at: issued, expires_at: expires, mrz, images: { front } },
        expires,
      ));
    }
    case "id_card":
    case "driver_license": {
      const issued = item === "id_card" ? "2022-03-10" : "2020-08-15";
      const expires = item === "id_card" ? "2032-03-09" : "2030-08-14";
      const number = item === "id_card" ? p.idNumber : p.licenceNumber;
      const front = await image(
        "front",
        renderIdCardImage({
          kind: item === "id_card" ? "national_id" : "driver_license",
          fullName,
          number,
          country: p.nationality,
          birthDate: p.dob,
          issuedAt: issued,
          expiresAt: expires,
          seed: p.seed,
        }),
      );
      return void (await write({ number, country: p.nationality, issued_at: issued, expires_at: expires, images: { front } }, expires));
    }
    case "proof_of_address": {
      const issued = addDays(today, -20);
      const page = await image(
        "page",
        renderProofOfAddressImage({
          kind: "utility_bill",
          fullName,
          addressLines: [p.address.street, `${p.address.postal_code} ${p.address.city}`, p.address.country],
          issuedAt: issued,
          issuer: "Northwind Energy",
          seed: p.seed,
        }),
      );
      return void (await write({ type: "utility_bill", issued_at: issued, images: { page } }));
    }
    case "liveness": {
      const selfie = await image("selfie", renderSelfieImage({ seed: p.seed }));
      return void (await write({ images: { selfie } }));
    }
    case "aml":
      return void (await write({ status: "clear", checked_at: verifiedAt.toISOString(), list: context.listVersion, ...override }));
  }
}

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

  const aliceId = await createUser(tx, ALICE.email, ALICE.ocid);
  const bobId = await createUser(tx, BOB.email, BOB.ocid);
  const carolId = await createUser(tx, CAROL.email, CAROL.ocid);
  // New people get OCIDs after the demo ones.
  await tx.execute(sql`select setval('user_ocid_seq', (select max(ocid) from users))`);
  const adminId = await createUser(tx, "admin@example.com", undefined, "admin");
  const reviewerId = await createUser(tx, "reviewer@example.com", undefined, "reviewer");

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
