/**
 * What the benchmark's partners and users are, shared by the loader, the
 * load generator and the ceiling server. Everything is derived from indexes,
 * so every process computes the same keys without passing them around.
 */
import { createHash } from "node:crypto";

import { publicKeyFromPrivate } from "../../lib/ocn/secp256k1";

export const BENCH_PARTNER_BASE = 7000;
export const BENCH_USER_BASE = 500_000;
export const VALIDATE_GRANTS = ["name", "email", "phone", "date_of_birth", "nationality", "address"] as const;
export const DATA_GRANTS = ["name", "email", "date_of_birth", "address"] as const;

export type BenchPartner = { ocid: number; privateKey: string; publicKey: string };

export function benchPartner(index: number): BenchPartner {
  const privateKey = createHash("sha256").update(`attest-bench-partner-${index}`).digest("hex");
  return { ocid: BENCH_PARTNER_BASE + index, privateKey, publicKey: publicKeyFromPrivate(privateKey) };
}

/** User i granted its items to partner i mod partners. */
export function partnerIndexOf(userIndex: number, partners: number): number {
  return userIndex % partners;
}

export function benchUserOcid(index: number): number {
  return BENCH_USER_BASE + index;
}

/** What the loader stores for user i, all verified: enough for Tier1 and for /kyc/data. */
export function benchUserValues(index: number) {
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

/**
 * The API account is linked to partner 0, so the people it may issue
 * credentials for are those who granted partner 0 their Tier1 items.
 */
export const CREDENTIALS_PARTNER_INDEX = 0;
export const BENCH_ACCOUNT_CREDITS = 10_000_000;

export function issuableUserIndexes(users: number, partners: number): number[] {
  return Array.from({ length: users }, (_, index) => index).filter((index) => partnerIndexOf(index, partners) === CREDENTIALS_PARTNER_INDEX);
}

/** The `POST /api/v1/issue` body for user i, matching what the loader stored. */
export function issueRequestFor(index: number) {
  const values = benchUserValues(index);
  return { email: values.email, phone_number: values.phone, full_name: values.name.full_name, dob: values.date_of_birth, tier: "Tier1" as const };
}
