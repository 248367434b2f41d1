import "server-only";

import type { Tx } from "@/lib/db/client";
import { createDemoUser, seedItem, type Person } from "@/lib/demo/people";
import { writeItem } from "@/lib/items/store";
import { screenUser } from "@/lib/screening/screen";
import { RESUBMISSION_REASON } from "@/lib/review/schemas";

/**
 * A few people waiting for review, so the console has work to show: documents
 * with declared data to compare, a selfie, a proof of address, and a possible
 * sanctions match that needs two reviewers.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

const DANA: Person = {
  email: "dana@example.com",
  first: "Dana",
  last: "Kowalski",
  dob: "1988-03-14",
  sex: "F",
  phone: "+48601234567",
  nationality: "PL",
  address: { street: "Ulica Lipowa 8", city: "Kraków", state: "", postal_code: "31-001", country: "PL" },
  passportNumber: "EA4431902",
  idNumber: "ABC123456",
  licenceNumber: "PL8803141",
  seed: 41,
};

const ERIK: Person = {
  email: "erik@example.com",
  first: "Erik",
  last: "Lindqvist",
  dob: "1979-11-02",
  sex: "M",
  phone: "+46701234567",
  nationality: "SE",
  address: { street: "Storgatan 21", city: "Uppsala", state: "", postal_code: "753 20", country: "SE" },
  passportNumber: "91827364",
  idNumber: "SE7911020",
  licenceNumber: "SE791102LQ",
  seed: 53,
};

// Shares a spelling with an entry of the sample list, on purpose.
const ZOLTAN: Person = {
  email: "zoltan@example.com",
  first: "Zoltan",
  last: "Erdemes Kovacsi",
  dob: "1958-06-20",
  sex: "M",
  phone: "+36301234567",
  nationality: "HU",
  address: { street: "Fő utca 3", city: "Budapest", state: "", postal_code: "1011", country: "HU" },
  passportNumber: "HU0192837",
  idNumber: "HU5806201",
  licenceNumber: "HU580620ZE",
  seed: 67,
};

// Her proof of address was sent back for a new one: her address waits on her, not on a reviewer.
const MAYA: Person = {
  email: "maya@example.com",
  first: "Maya",
  last: "Oduya",
  dob: "1991-09-05",
  sex: "F",
  phone: "+254712345678",
  nationality: "KE",
  address: { street: "Ngong Road 14", city: "Nairobi", state: "", postal_code: "00100", country: "KE" },
  passportNumber: "AK7710293",
  idNumber: "KE9109051",
  licenceNumber: "KE910905MO",
  seed: 79,
};

/** What Erik, Zoltan and Maya had verified before the item now waiting for a reviewer. */
const CHECKED_BEFORE = ["email", "name", "date_of_birth", "passport"] as const;

export async function seedReviewCases(tx: Tx, context: { reviewerId: string; listVersion: string; verifiedAt: Date }): Promise<void> {
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS);
  const base = { tx, reviewerId: context.reviewerId, listVersion: context.listVersion };

  const dana = { ...base, userId: await createDemoUser(tx, DANA.email), person: DANA, verifiedAt: at(3) };
  await seedItem({ ...dana, verifiedAt: context.verifiedAt }, "email", "verified");
  for (const item of ["id_card", "liveness", "name", "date_of_birth"] as const) await seedItem(dana, item, "pending");

  const erik = { ...base, userId: await createDemoUser(tx, ERIK.email), person: ERIK, verifiedAt: at(1) };
  for (const item of CHECKED_BEFORE) await seedItem({ ...erik, verifiedAt: context.verifiedAt }, item, "verified");
  for (const item of ["proof_of_address", "address"] as const) await seedItem(erik, item, "pending");

  const zoltan = { ...base, userId: await createDemoUser(tx, ZOLTAN.email), person: ZOLTAN, verifiedAt: at(0.2) };
  for (const item of CHECKED_BEFORE) await seedItem({ ...zoltan, verifiedAt: context.verifiedAt }, item, "verified");
  // Screened as any person is, so the stored screening records whom it was about and a
  // reviewer's clearance carries over to the next list for the same name and date of birth.
  await screenUser(tx, zoltan.userId, { at: zoltan.verifiedAt });

  const maya = { ...base, userId: await createDemoUser(tx, MAYA.email), person: MAYA, verifiedAt: at(2) };
  for (const item of CHECKED_BEFORE) await seedItem({ ...maya, verifiedAt: context.verifiedAt }, item, "verified");
  for (const item of ["proof_of_address", "address"] as const) await seedItem(maya, item, "pending");
  await writeItem(tx, {
    userId: maya.userId,
    item: "proof_of_address",
    state: "rejected",
    actorId: context.reviewerId,
    action: "review.resubmission_requested",
    rejectionReason: RESUBMISSION_REASON,
    noteToUser: "The bill is older than three months; please upload one issued in the last three months.",
    at: at(1),
  });
}
