import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { issueTranslatable } from "@/lib/i18n/field-messages";
import { inEnglish } from "@/lib/i18n/person-errors";

import {
  addressSchema,
  ageOn,
  countryOptions,
  countrySchema,
  dateOfBirthSchemaAt,
  emailSchema,
  ITEM_VALUE_SCHEMAS,
  nameSchema,
  phoneSchema,
} from "./values";

const TODAY = new Date("2026-11-23T12:00:00Z");

/** The issues as an English-speaking person reads them. */
function messages(result: { success: boolean; error?: z.ZodError }): string[] {
  return result.error?.issues.map((issue) => inEnglish(issueTranslatable(issue))) ?? [];
}

describe("phoneSchema", () => {
  it.each([
    ["+44 20 7946 0958", "+442079460958"],
    ["+442079460958", "+442079460958"],
    ["0044 20 7946 0958", "+442079460958"],
    ["+1 (415) 555-2671", "+14155552671"],
    [" +33 6 12 34 56 78 ", "+33612345678"],
  ])("normalises %j to %s", (input, expected) => {
    expect(phoneSchema.parse(input)).toBe(expected);
  });

  it.each([
    { name: "no country code", input: "020 7946 0958", message: "country code" },
    { name: "too short", input: "+44 20 7946 095", message: "not a valid phone number" },
    { name: "too long", input: "+44 20 7946 0958 1234", message: "not a valid phone number" },
    { name: "letters", input: "+44 call me", message: "country code" },
    { name: "empty", input: "", message: "country code" },
  ])("refuses $name", ({ input, message }) => {
    const result = phoneSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(messages(result).join()).toContain(message);
  });
});

describe("dateOfBirthSchema", () => {
  const schema = dateOfBirthSchemaAt(TODAY);

  it.each([
    ["2010-11-23", "exactly 16 today"],
    ["1990-04-12", "an ordinary adult"],
    ["2008-02-29", "a leap day"],
  ])("accepts %s (%s)", (dob) => {
    expect(schema.parse(dob)).toBe(dob);
  });

  it.each([
    { name: "February 30", dob: "1990-02-30", message: "This date does not exist" },
    { name: "29 February in a common year", dob: "1990-02-29", message: "This date does not exist" },
    { name: "month 13", dob: "1990-13-01", message: "This date does not exist" },
    { name: "wrong format", dob: "12/04/1990", message: "YYYY-MM-DD" },
    { name: "no zero padding", dob: "1990-4-12", message: "YYYY-MM-DD" },
    { name: "age 15 (16th birthday tomorrow)", dob: "2010-11-24", message: "at least 16" },
    { name: "in the future", dob: "2027-01-01", message: "future" },
  ])("refuses $name", ({ dob, message }) => {
    const result = schema.safeParse(dob);
    expect(result.success).toBe(false);
    expect(messages(result)).toHaveLength(1);
    expect(messages(result)[0]).toContain(message);
  });

  describe("the upper bound of 120 years, on dates counted back from today", () => {
    const now = new Date();
    const [year, month, day] = now.toISOString().slice(0, 10).split("-").map(Number) as [number, number, number];
    const pad = (n: number) => String(n).padStart(2, "0");
    // The same calendar day `years` back; on 29 February into a common year, the 28th,
    // which is when that person had their birthday this year too.
    const yearsAgo = (years: number, dayOffset = 0) => {
      const date = new Date(Date.UTC(year - years, month - 1, day + dayOffset));
      if (dayOffset === 0 && date.getUTCMonth() !== month - 1) date.setUTCDate(0);
      return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    };
    const parse = (dob: string) => dateOfBirthSchemaAt(now).safeParse(dob);

    it("accepts someone turning 120 today", () => {
      expect(ageOn(yearsAgo(120), now)).toBe(120);
      expect(parse(yearsAgo(120)).success).toBe(true);
    });
    it("accepts someone who turns 121 tomorrow", () => {
      expect(ageOn(yearsAgo(121, 1), now)).toBe(120);
      expect(parse(yearsAgo(121, 1)).success).toBe(true);
    });
    it("refuses someone turning 121 today", () => {
      expect(ageOn(yearsAgo(121), now)).toBe(121);
      expect(messages(parse(yearsAgo(121)))).toEqual(["Please check the year: this date is more than 120 years ago"]);
    });
  });

  it("reads the clock at parse time, not at import", () => {
    // 16 on 2026-11-23 is 15 a year earlier.
    expect(dateOfBirthSchemaAt(new Date("2025-11-23T00:00:00Z")).safeParse("2010-11-23").success).toBe(false);
  });
});

describe("ageOn", () => {
  it.each([
    ["1990-04-12", "2026-04-11", 35],
    ["1990-04-12", "2026-04-12", 36],
    ["2008-02-29", "2026-02-28", 17], // leap-day birthdays count from 1 March in common years
    ["2008-02-29", "2026-03-01", 18],
  ])("someone born %s is on %s %i", (dob, today, age) => {
    expect(ageOn(dob, today)).toBe(age);
  });

  it("uses the UTC date of an instant", () => {
    // 23:30 in New York on the 11th is already the 12th in UTC.
    expect(ageOn("1990-04-12", new Date("2026-04-11T23:30:00-04:00"))).toBe(36);
  });
});

describe("nameSchema", () => {
  it("trims, collapses spaces and derives the full name", () => {
    expect(nameSchema.parse({ first_name: "  José  María ", last_name: "O'Brien-Núñez" })).toEqual({
      first_name: "José María",
      last_name: "O'Brien-Núñez",
      full_name: "José María O'Brien-Núñez",
    });
  });

  it("keeps an explicit full name", () => {
    expect(nameSchema.parse({ first_name: "Anna", last_name: "Eriksson", full_name: "Anna Maria Eriksson" }).full_name).toBe(
      "Anna Maria Eriksson",
    );
  });

  it.each([
    { name: "empty first name", value: { first_name: " ", last_name: "Smith" } },
    { name: "digits", value: { first_name: "R2D2", last_name: "Smith" } },
    { name: "markup", value: { first_name: "<b>", last_name: "Smith" } },
    { name: "leading hyphen", value: { first_name: "-Anne", last_name: "Smith" } },
    { name: "101 characters", value: { first_name: "a".repeat(101), last_name: "Smith" } },
    { name: "missing last name", value: { first_name: "Anna" } },
  ])("refuses $name", ({ value }) => {
    expect(nameSchema.safeParse(value).success).toBe(false);
  });
});

describe("countrySchema", () => {
  it("upper-cases ISO codes", () => {
    expect(countrySchema.parse(" gb ")).toBe("GB");
  });

  it.each(["UK", "XX", "GBR", "", "1A"])("refuses %j", (code) => {
    expect(messages(countrySchema.safeParse(code))).toEqual(["Choose a country from the list"]);
  });

  it("offers every country sorted by English name", () => {
    const options = countryOptions();
    expect(options.length).toBeGreaterThan(240);
    expect(options.find((o) => o.code === "DE")?.name).toBe("Germany");
    const names = options.map((o) => o.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });
});

describe("addressSchema", () => {
  it("accepts an empty state and normalises the postal code", () => {
    expect(
      addressSchema.parse({ street: "10 Downing Street", city: "London", postal_code: "sw1a 2aa", country: "gb" }),
    ).toEqual({ street: "10 Downing Street", city: "London", state: "", postal_code: "SW1A 2AA", country: "GB" });
  });

  it.each([
    { name: "no street", value: { street: "", city: "Paris", postal_code: "75001", country: "FR" } },
    { name: "no postal code", value: { street: "1 Rue", city: "Paris", postal_code: "", country: "FR" } },
    { name: "control character", value: { street: "1 Rue\u0000", city: "Paris", postal_code: "75001", country: "FR" } },
    { name: "unknown country", value: { street: "1 Rue", city: "Paris", postal_code: "75001", country: "ZZ" } },
  ])("refuses $name", ({ value }) => {
    expect(addressSchema.safeParse(value).success).toBe(false);
  });
});

describe("emailSchema", () => {
  it("trims and lower-cases", () => {
    expect(emailSchema.parse("  Alice@Example.COM ")).toBe("alice@example.com");
  });

  it.each(["alice", "alice@", "@example.com", "a b@example.com", `${"a".repeat(250)}@example.com`])("refuses %j", (e) => {
    expect(emailSchema.safeParse(e).success).toBe(false);
  });
});

describe("ITEM_VALUE_SCHEMAS", () => {
  it("covers the six typed items and never lets a user write an AML result", () => {
    expect(Object.keys(ITEM_VALUE_SCHEMAS).sort()).toEqual(
      ["address", "date_of_birth", "email", "name", "nationality", "phone"],
    );
  });
});
