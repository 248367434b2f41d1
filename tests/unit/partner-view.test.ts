import { describe, expect, it } from "vitest";

import { ITEMS, type Item } from "@/lib/items/items";
import { kycCompletion, partnerStatusOf, type PartnerItemView } from "@/lib/partner-api/view";

const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(Date.UTC(2026, 0, 1) + days * DAY);
const secondsOf = (date: Date) => date.getTime() / 1000;

function view(entries: Partial<Record<Item, PartnerItemView>>): Record<Item, PartnerItemView> {
  const missing: PartnerItemView = { status: "missing", verifiedAt: null, expiresAt: null };
  return Object.fromEntries(ITEMS.map((item) => [item, entries[item] ?? missing])) as Record<Item, PartnerItemView>;
}
const verified = (from: number, until: number): PartnerItemView => ({ status: "verified", verifiedAt: at(from), expiresAt: at(until) });

describe("partnerStatusOf (SPEC §4, first rule wins)", () => {
  const now = at(0);
  it.each([
    { facts: { state: "verified", verifiedAt: at(-1), expiresAt: at(100) }, decision: "denied", allowed: true, expected: "restricted" },
    { facts: undefined, decision: "revoked", allowed: true, expected: "restricted" },
    { facts: undefined, decision: "granted", allowed: true, expected: "missing" },
    { facts: { state: "rejected", verifiedAt: null, expiresAt: null }, decision: "granted", allowed: true, expected: "missing" },
    { facts: { state: "verified", verifiedAt: at(-400), expiresAt: at(-35) }, decision: "granted", allowed: true, expected: "missing" },
    { facts: { state: "pending", verifiedAt: null, expiresAt: null }, decision: undefined, allowed: true, expected: "pending" },
    { facts: { state: "verified", verifiedAt: at(-1), expiresAt: at(100) }, decision: "granted", allowed: true, expected: "verified" },
    { facts: { state: "verified", verifiedAt: at(-1), expiresAt: at(100) }, decision: "granted", allowed: false, expected: "missing" },
    { facts: { state: "verified", verifiedAt: at(-1), expiresAt: at(100) }, decision: undefined, allowed: true, expected: "missing" },
  ] as const)("$facts.state / $decision / allowed $allowed → $expected", ({ facts, decision, allowed, expected }) => {
    expect(partnerStatusOf(facts, decision, allowed, now)).toBe(expected);
  });
});

describe("kycCompletion", () => {
  it("is incomplete without liveness, and then says nothing about dates", () => {
    expect(kycCompletion(view({ name: verified(0, 300), date_of_birth: verified(0, 300), passport: verified(0, 300) }))).toEqual({
      kyc_complete: false,
      verified_at: null,
      expires_at: null,
    });
  });

  it("dates completion from the last requirement met and ends it at the first to expire", () => {
    const result = kycCompletion(
      view({
        name: verified(1, 366),
        date_of_birth: verified(2, 367),
        // The earliest document made the document requirement true; the longest-lived one keeps it true.
        passport: verified(5, 100),
        driver_license: verified(3, 200),
        liveness: verified(4, 365),
      }),
    );
    expect(result).toEqual({ kyc_complete: true, verified_at: secondsOf(at(4)), expires_at: secondsOf(at(200)) });
  });
});
