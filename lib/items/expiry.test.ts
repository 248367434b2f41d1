import { describe, expect, it } from "vitest";

import { effectiveState, verificationExpiry } from "./store";

const DAY_MS = 86_400_000;
const at = new Date("2026-01-10T12:00:00Z");

describe("verificationExpiry", () => {
  it("is 365 days after the verification", () => {
    expect(verificationExpiry(at).toISOString()).toBe("2027-01-10T12:00:00.000Z");
  });
  it("is the document's expiry when that comes first", () => {
    const documentExpiry = new Date("2026-06-30T23:59:59.999Z");
    expect(verificationExpiry(at, documentExpiry)).toEqual(documentExpiry);
  });
  it("ignores a document expiry after the 365 days", () => {
    expect(verificationExpiry(at, new Date("2030-01-01T00:00:00Z")).toISOString()).toBe("2027-01-10T12:00:00.000Z");
  });
});

describe("effectiveState", () => {
  const expiresAt = verificationExpiry(at);
  it.each([
    ["verified, a moment before expiry", "verified", new Date(expiresAt.getTime() - 1), "verified"],
    ["verified, at expiry", "verified", expiresAt, "expired"],
    ["verified, a day after", "verified", new Date(expiresAt.getTime() + DAY_MS), "expired"],
    ["pending past a date never expires by itself: a reviewer decides", "pending", new Date(expiresAt.getTime() + DAY_MS), "pending"],
    ["rejected stays rejected", "rejected", new Date(expiresAt.getTime() + DAY_MS), "rejected"],
  ] as const)("%s", (_, state, now, expected) => {
    expect(effectiveState({ state, expiresAt }, now)).toBe(expected);
  });
  it("verified without an expiry stays verified", () => {
    expect(effectiveState({ state: "verified", expiresAt: null })).toBe("verified");
  });
});
