import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOCALES, type Locale } from "@/lib/i18n/locales";

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

const VALUES = {
  name: { first_name: "Alice", last_name: "Smith", full_name: "Alice Smith" },
  email: "alice@example.com",
  phone: "+442079460958",
  date_of_birth: "1990-04-12",
  nationality: "DE",
  address: { street: "1 Rue de Rivoli", city: "Paris", state: "", postal_code: "75001", country: "FR" },
  passport: { type: "passport", number: "L898902C3", country: "SE", issued_at: "2022-04-16", expires_at: "2032-04-15" },
  id_card: { type: "national_id", number: "X12345678" },
  proof_of_address: { type: "utility_bill", issued_at: "2026-10-01" },
  liveness: { verified: true, selfie_url: "x", verified_at: "2026-11-01T10:00:00Z" },
  aml: { status: "clear", checked_at: "2026-11-02T00:00:00Z", list: "x" },
} as const;

/** Each language's words and date format, the same characters of the value masked. */
const EXPECTED: Record<Locale, Record<keyof typeof VALUES, string>> = {
  en: {
    name: "A. Smith",
    email: "a***e@example.com",
    phone: "+44 ••• ••• 0958",
    date_of_birth: "••/12/19••",
    nationality: "Germany",
    address: "Paris, France",
    passport: "Passport *****02C3 · expires Apr 15, 2032",
    id_card: "National ID card *****5678",
    proof_of_address: "Utility bill · issued Oct 1, 2026",
    liveness: "Selfie checked on Nov 1, 2026",
    aml: "No match (checked Nov 2, 2026)",
  },
  de: {
    name: "A. Smith",
    email: "a***e@example.com",
    phone: "+44 ••• ••• 0958",
    date_of_birth: "12.••.19••",
    nationality: "Deutschland",
    address: "Paris, Frankreich",
    passport: "Reisepass *****02C3 · gültig bis 15.04.2032",
    id_card: "Personalausweis *****5678",
    proof_of_address: "Versorgerrechnung · ausgestellt am 01.10.2026",
    liveness: "Selfie geprüft am 01.11.2026",
    aml: "Kein Treffer (geprüft am 02.11.2026)",
  },
  fr: {
    name: "A. Smith",
    email: "a***e@example.com",
    phone: "+44 ••• ••• 0958",
    date_of_birth: "12/••/19••",
    nationality: "Allemagne",
    address: "Paris, France",
    passport: "Passeport *****02C3 · expire le 15 avr. 2032",
    id_card: "Carte nationale d'identité *****5678",
    proof_of_address: "Facture d'énergie ou d'eau · émis le 1 oct. 2026",
    liveness: "Selfie vérifié le 1 nov. 2026",
    aml: "Aucune correspondance (vérifié le 2 nov. 2026)",
  },
  es: {
    name: "A. Smith",
    email: "a***e@example.com",
    phone: "+44 ••• ••• 0958",
    date_of_birth: "12/••/19••",
    nationality: "Alemania",
    address: "Paris, Francia",
    passport: "Pasaporte *****02C3 · caduca el 15 abr 2032",
    id_card: "Documento nacional de identidad *****5678",
    proof_of_address: "Factura de suministros · emitido el 1 oct 2026",
    liveness: "Selfie comprobado el 1 nov 2026",
    aml: "Sin coincidencias (comprobado el 2 nov 2026)",
  },
};

describe.each(LOCALES)("previewItem in %s", (locale) => {
  it.each(Object.entries(VALUES) as [keyof typeof VALUES, unknown][])("%s", (item, value) => {
    expect(previewItem(item, value, locale)).toBe(EXPECTED[locale][item]);
  });

  it("says when nothing was provided, in the language's words", () => {
    const said = new Set(ITEMS.map((item) => previewItem(item, null, locale)));
    expect(said.size).toBe(1);
    expect(locale === "en" || !said.has("Not provided")).toBe(true);
  });

  it("never echoes a value of an unexpected shape", () => {
    const secret = "SECRET-123456789";
    for (const item of ITEMS) {
      expect(previewItem(item, { unexpected: secret, number: 42 }, locale)).not.toContain("123456789");
      expect(previewItem(item, [secret], locale)).not.toContain("123456789");
    }
  });

  it("shows of a date of birth only its century and day", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (instant) => {
        const iso = instant.toISOString().slice(0, 10);
        expect(previewItem("date_of_birth", iso, locale).replace(/[^0-9]/g, "")).toBe(iso.slice(8) + iso.slice(0, 2));
      }),
    );
  });
});

describe("previewItem, any language", () => {
  it("names the kind of a proof of address it does not know as a document", () => {
    expect(previewItem("proof_of_address", { type: "tax_letter", issued_at: "2026-10-01" }, "en")).toBe("Document · issued Oct 1, 2026");
  });

  it("shows a stored date it cannot read as it is, not more", () => {
    expect(previewItem("passport", { number: "L898902C3", expires_at: "soon" }, "de")).toBe("Reisepass *****02C3 · gültig bis soon");
  });
});
