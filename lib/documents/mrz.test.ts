import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { translate } from "@/lib/i18n/field-messages";
import { translatorFor } from "@/lib/i18n/messages";
import { inEnglish } from "@/lib/i18n/person-errors";
import { buildPassportMrz, compareMrzWithTyped, mrzFormFill, parsePassportMrz } from "./mrz";
import { mrzCheckDigit } from "./mrz-text";

// ICAO 9303 part 4 specimen (Utopia).
const SPECIMEN_1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const SPECIMEN_2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
const SPECIMEN = `${SPECIMEN_1}\n${SPECIMEN_2}`;
const TODAY = new Date("2026-11-23T12:00:00Z");

/** Replaces one character of line 2 (0-based column). */
function corrupt(column: number, char: string): string {
  return `${SPECIMEN_1}\n${SPECIMEN_2.slice(0, column)}${char}${SPECIMEN_2.slice(column + 1)}`;
}

const DEMO = {
  documentNumber: "C4X9L2P07",
  issuingCountry: "GB",
  lastName: "Okafor",
  firstName: "Bob",
  birthDate: "1985-09-30",
  expirationDate: "2031-05-01",
  sex: "M",
} as const;

describe("parsePassportMrz", () => {
  it("reads the ICAO specimen", () => {
    const parsed = parsePassportMrz(SPECIMEN, TODAY);
    expect(parsed.errors).toEqual([]);
    expect(parsed.valid).toBe(true);
    expect(parsed.fields).toEqual({
      documentNumber: "L898902C3",
      issuingCountry: "UTO",
      nationality: "UTO",
      birthDate: "1974-08-12",
      expirationDate: "2012-04-15",
      sex: "female",
      lastName: "ERIKSSON",
      firstName: "ANNA MARIA",
    });
  });

  it.each([
    ["lower case with spaces", `  ${SPECIMEN_1.toLowerCase()} \n ${SPECIMEN_2.slice(0, 20)} ${SPECIMEN_2.slice(20)}  `],
    ["one pasted line of 88", SPECIMEN_1 + SPECIMEN_2],
    ["Windows line endings and blank lines", `${SPECIMEN_1}\r\n\r\n${SPECIMEN_2}\r\n`],
  ])("tolerates %s", (_name, input) => {
    expect(parsePassportMrz(input, TODAY).valid).toBe(true);
  });

  it.each([
    { name: "document number check digit", input: corrupt(9, "7"), error: "passport number check digit" },
    { name: "birth date check digit", input: corrupt(19, "3"), error: "date of birth check digit" },
    { name: "expiry check digit", input: corrupt(27, "8"), error: "expiry date check digit" },
    { name: "personal number check digit", input: corrupt(42, "2"), error: "personal number check digit" },
    { name: "composite check digit", input: corrupt(43, "1"), error: "final check digit" },
    { name: "a changed number (two digits fail)", input: corrupt(0, "M"), error: "passport number check digit" },
    { name: "an impossible month", input: corrupt(15, "9"), error: "date of birth in the MRZ is not a valid date" },
    { name: "an identity card", input: `I${SPECIMEN_1.slice(1)}\n${SPECIMEN_2}`, error: "Line 1 must start with P" },
    { name: "a short line", input: `${SPECIMEN_1}\n${SPECIMEN_2.slice(1)}`, error: "Line 2 has 43 characters" },
    { name: "one line only", input: SPECIMEN_1, error: "two lines" },
    { name: "three lines", input: `${SPECIMEN}\n${SPECIMEN_2}`, error: "two lines" },
    { name: "symbols", input: corrupt(30, "#"), error: "cannot appear in an MRZ: #" },
    { name: "an unknown country", input: `P<XYZ${SPECIMEN_1.slice(5)}\n${SPECIMEN_2}`, error: 'issuing country code "XYZ"' },
    { name: "empty input", input: "", error: "two lines" },
  ])("refuses $name", ({ input, error }) => {
    const parsed = parsePassportMrz(input, TODAY);
    expect(parsed.valid).toBe(false);
    expect(parsed.errors.map(inEnglish).join(" | ")).toContain(error);
  });

  it("names each failing check digit once", () => {
    const parsed = parsePassportMrz(corrupt(9, "7"), TODAY);
    // The document number digit feeds the composite, so both fail.
    expect(parsed.errors.map(inEnglish)).toEqual([
      "The passport number check digit does not match the passport number",
      "The final check digit of line 2 does not match the rest of the line",
    ]);
  });

  it("puts 2-digit birth years in the past and expiry years near today", () => {
    const mrz = buildPassportMrz({ ...DEMO, birthDate: "2010-01-01", expirationDate: "2075-01-01" });
    expect(parsePassportMrz(mrz, TODAY).fields).toMatchObject({ birthDate: "2010-01-01", expirationDate: "2075-01-01" });
    const old = buildPassportMrz({ ...DEMO, birthDate: "1930-01-01", expirationDate: "2077-01-01" });
    // 2030 would be in the future for a birth date; 2077 is too far ahead for a passport.
    expect(parsePassportMrz(old, TODAY).fields).toMatchObject({ birthDate: "1930-01-01", expirationDate: "1977-01-01" });
  });

  it("reports a day that does not exist even when its check digit is right", () => {
    const mrz = buildPassportMrz({ ...DEMO, birthDate: "1985-02-30" });
    const parsed = parsePassportMrz(mrz, TODAY);
    expect(parsed.valid).toBe(false);
    expect(parsed.errors.map(inEnglish)).toEqual(["The date of birth in the MRZ (1985-02-30) is not a real date"]);
  });
});

describe("buildPassportMrz", () => {
  it("reproduces the ICAO specimen", () => {
    expect(
      buildPassportMrz({
        documentNumber: "L898902C3",
        issuingCountry: "UTO",
        lastName: "Eriksson",
        firstName: "Anna Maria",
        birthDate: "1974-08-12",
        expirationDate: "2012-04-15",
        sex: "F",
        personalNumber: "ZE184226B",
      }),
    ).toBe(SPECIMEN);
  });

  it("transliterates names the ICAO way", () => {
    const mrz = buildPassportMrz({ ...DEMO, issuingCountry: "DE", lastName: "Müller-Lüdenscheidt", firstName: "Jürgen Ö'Neil" });
    expect(mrz.split("\n")[0]).toBe("P<DEUMUELLER<LUEDENSCHEIDT<<JUERGEN<OENEIL<<"); // exactly 44
  });

  it("always builds something the parser accepts", () => {
    const date = (from: number, to: number) =>
      fc
        .date({ min: new Date(Date.UTC(from, 0, 1)), max: new Date(Date.UTC(to, 11, 31)), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    const word = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzéüø"), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."ABCDEFGHJKLMNPRSTUVWXYZ0123456789"), minLength: 5, maxLength: 9 }),
        fc.constantFrom("GB", "FR", "DE", "NG", "VN", "US"),
        word,
        word,
        date(1927, 2010),
        date(2027, 2036),
        fc.constantFrom("M", "F", "X") as fc.Arbitrary<"M" | "F" | "X">,
        (documentNumber, country, lastName, firstName, birthDate, expirationDate, sex) => {
          const mrz = buildPassportMrz({ documentNumber, issuingCountry: country, lastName, firstName, birthDate, expirationDate, sex });
          const parsed = parsePassportMrz(mrz, TODAY);
          expect(parsed.errors).toEqual([]);
          expect(compareMrzWithTyped(parsed.fields, { number: documentNumber, country, expires_at: expirationDate, date_of_birth: birthDate, last_name: lastName })).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses numbers that do not fit a TD3 passport", () => {
    expect(() => buildPassportMrz({ ...DEMO, documentNumber: "1234567890" })).toThrow(RangeError);
    expect(() => buildPassportMrz({ ...DEMO, issuingCountry: "XX" })).toThrow(RangeError);
  });
});

describe("mrzCheckDigit", () => {
  it.each([
    ["L898902C3", "6"],
    ["740812", "2"],
    ["120415", "9"],
    ["ZE184226B<<<<<", "1"],
    ["<<<<<<", "0"],
  ])("%s → %s", (text, digit) => {
    expect(mrzCheckDigit(text)).toBe(digit);
  });
});

describe("compareMrzWithTyped", () => {
  const fields = parsePassportMrz(buildPassportMrz(DEMO), TODAY).fields;
  const typed = { number: "c4x9-l2p07", country: "GB", expires_at: "2031-05-01", date_of_birth: "1985-09-30", last_name: "Okafor", first_name: DEMO.firstName };

  it("is empty when the typed fields agree", () => {
    expect(compareMrzWithTyped(fields, typed)).toEqual([]);
  });

  it.each([
    { name: "number", change: { number: "C4X9L2P08" }, message: "passport number you typed (C4X9L2P08)" },
    { name: "country", change: { country: "IE" }, message: "issuing country you chose (IE) does not match the MRZ (GBR)" },
    { name: "expiry", change: { expires_at: "2031-05-02" }, message: "expiry date you typed (2031-05-02)" },
    { name: "date of birth", change: { date_of_birth: "1985-03-09" }, message: "date of birth (1985-03-09)" },
    { name: "last name", change: { last_name: "Okafur" }, message: "last name (Okafur)" },
    { name: "first name", change: { first_name: "Nora" }, message: "first name (Nora)" },
  ])("reports a different $name", ({ change, message }) => {
    const problems = compareMrzWithTyped(fields, { ...typed, ...change });
    expect(problems).toHaveLength(1);
    expect(inEnglish(problems[0]!)).toContain(message);
  });

  it("accepts both ICAO spellings of umlauts and Germany's D", () => {
    const german = parsePassportMrz(
      buildPassportMrz({ ...DEMO, issuingCountry: "DE", lastName: "Müller" }).replace("P<DEU", "P<D<<"),
      TODAY,
    );
    expect(german.valid).toBe(true);
    const base = { number: DEMO.documentNumber, country: "DE", expires_at: DEMO.expirationDate };
    expect(compareMrzWithTyped(german.fields, { ...base, last_name: "Müller" })).toEqual([]);
    // MUELLER is ICAO's recommended form; an issuer writing MULLER must match too.
    const plain = parsePassportMrz(buildPassportMrz({ ...DEMO, lastName: "Muller" }), TODAY);
    expect(compareMrzWithTyped(plain.fields, { ...base, country: "GB", last_name: "Müller" })).toEqual([]);
  });

  it("speaks the person's language, the values as typed and as read", () => {
    const german = translatorFor("de");
    expect(translate(german, compareMrzWithTyped(fields, { ...typed, first_name: "Nora" }))).toBe("Der Vorname (Nora) stimmt nicht mit der MRZ (BOB) überein.");
    expect(translate(german, parsePassportMrz(corrupt(9, "7"), TODAY).errors)).toBe(
      "Die Prüfziffer der Passnummer passt nicht zur Passnummer. Die letzte Prüfziffer von Zeile 2 passt nicht zum Rest der Zeile.",
    );
  });

  it("never matches the specimen's fictional country", () => {
    const specimen = parsePassportMrz(SPECIMEN, TODAY).fields;
    expect(
      compareMrzWithTyped(specimen, { number: "L898902C3", country: "SE", expires_at: "2012-04-15", last_name: "Eriksson" }).map(inEnglish),
    ).toEqual(["The issuing country you chose (SE) does not match the MRZ (UTO)"]);
  });
});

describe("mrzFormFill", () => {
  it("maps a zone to the passport form's own fields, country as ISO alpha-2", () => {
    const mrz = buildPassportMrz(DEMO);
    expect(mrzFormFill(parsePassportMrz(mrz, TODAY).fields)).toEqual({ number: "C4X9L2P07", country: "GB", expires_at: "2031-05-01" });
  });

  it("leaves a field empty where the zone gives nothing the form can use", () => {
    // Utopia is no ISO country, so the form's country select stays unchosen.
    expect(mrzFormFill(parsePassportMrz(SPECIMEN, TODAY).fields)).toEqual({ number: "L898902C3", country: "", expires_at: "2012-04-15" });
  });
});
