import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ITEMS } from "./items";
import { maskDocumentNumber, maskEmail, maskPhone, previewItem } from "./mask";

describe("maskDocumentNumber", () => {
  it.each([
    ["L898902C3", "*****02C3"],
    ["12345", "*2345"],
    ["1234", "*234"],
    ["12", "*2"],
    ["1", "*"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(maskDocumentNumber(input)).toBe(expected);
  });

  it("keeps the length, shows at most 4 characters and masks at least one", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ABCXYZ0123456789"), minLength: 1, maxLength: 30 }), (n) => {
        const masked = maskDocumentNumber(n);
        expect(masked).toHaveLength(n.length);
        const shown = masked.replace(/^\*+/, "");
        expect(shown.length).toBeLessThanOrEqual(Math.min(4, n.length - 1));
        expect(n.endsWith(shown)).toBe(true);
      }),
    );
  });
});

describe("maskEmail", () => {
  it.each([
    ["alice@example.com", "a***e@example.com"],
    ["bo@example.com", "b***@example.com"],
    ["x@example.com", "***@example.com"],
    ["first.last+tag@mail.example.org", "f***g@mail.example.org"],
    ["not-an-email", "n***l"],
  ])("%j → %j", (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });
});

describe("maskPhone", () => {
  it.each([
    ["+442079460958", "+44 ••• ••• 0958"],
    ["+14155552671", "+1 ••• ••• 2671"],
    ["+33612345678", "+33 ••• ••• 5678"],
    ["+3541234567", "+354 ••• ••• 567"], // Iceland: 7-digit national numbers show 3
    ["12", "••• ••• 2"],
    ["5", "••• •••"],
    ["", "••• •••"],
  ])("%j → %j", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

describe("previewItem", () => {
  it.each([
    ["name", { first_name: "Alice", last_name: "Smith", full_name: "Alice Smith" }, "A. Smith"],
    ["email", "alice@example.com", "a***e@example.com"],
    ["phone", "+442079460958", "+44 ••• ••• 0958"],
    ["date_of_birth", "1990-04-12", "19••-••-12"],
    ["nationality", "FR", "France"],
    ["address", { street: "1 Rue de Rivoli", city: "Paris", state: "", postal_code: "75001", country: "FR" }, "Paris, France"],
    [
      "passport",
      { type: "passport", number: "L898902C3", country: "SE", issued_at: "2022-04-16", expires_at: "2032-04-15" },
      "Passport *****02C3 · expires 2032-04-15",
    ],
    ["id_card", { type: "national_id", number: "X12345678", expires_at: "2030-01-01" }, "National ID card *****5678 · expires 2030-01-01"],
    ["proof_of_address", { type: "utility_bill", issued_at: "2026-10-01" }, "Utility bill · issued 2026-10-01"],
    ["liveness", { verified: true, selfie_url: "x", verified_at: "2026-11-01T10:00:00Z" }, "Selfie checked on 2026-11-01"],
    ["aml", { status: "clear", checked_at: "2026-11-02T00:00:00Z", list: "x" }, "No match (checked 2026-11-02)"],
  ] as const)("%s", (item, value, expected) => {
    expect(previewItem(item, value)).toBe(expected);
  });

  it("says when nothing was provided", () => {
    for (const item of ITEMS) expect(previewItem(item, null)).toBe("Not provided");
  });

  it("never echoes a value of an unexpected shape", () => {
    const secret = "SECRET-123456789";
    for (const item of ITEMS) {
      expect(previewItem(item, { unexpected: secret, number: 42 })).not.toContain("123456789");
      expect(previewItem(item, [secret])).not.toContain("123456789");
    }
  });
});
