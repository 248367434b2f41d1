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
