import "server-only";

import { emailColumns } from "@/lib/auth/adapter";
import type { Tx } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { renderIdCardImage, renderPassportImage, renderProofOfAddressImage, renderSelfieImage } from "@/lib/specimens/document-images";
import { buildPassportMrz } from "@/lib/documents/mrz";
import { storeDocument } from "@/lib/documents/store";
import { alpha2ToAlpha3 } from "@/lib/items/countries";
import { addDays, documentLapsesAt, isoDateOf } from "@/lib/items/dates";
import type { Item } from "@/lib/items/items";
import { writeItem } from "@/lib/items/store";

/**
 * The building blocks of the demo data set: an invented person, an account for them, and
 * each of their items in the state the demo wants, documents included. Used by the data set
 * itself (lib/demo/seed.ts) and by the console's sample cases (lib/demo/review-cases.ts).
 */
export type Person = {
  email: string;
  /** Given to the data set's first people; the others get the next free OCIDs. */
  ocid?: number;
  first: string;
  last: string;
  dob: string;
  sex: "F" | "M";
  phone: string;
  /** ISO 3166-1 alpha-2, as Attest stores it. */
  nationality: string;
  address: { street: string; city: string; state: string; postal_code: string; country: string };
  passportNumber: string;
  idNumber: string;
  licenceNumber: string;
  seed: number;
};

export async function createDemoUser(tx: Tx, email: string, ocid?: number, role: "admin" | "reviewer" | null = null): Promise<string> {
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
        issuingCountry: p.nationality,
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
          nationality: alpha2ToAlpha3(p.nationality)!,
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
