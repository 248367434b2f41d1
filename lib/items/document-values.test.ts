import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { issueTranslatable } from "@/lib/i18n/field-messages";
import { inEnglish } from "@/lib/i18n/person-errors";

import { amlValueSchema, identityDocumentFieldsSchemaAt, proofOfAddressFieldsSchemaAt } from "./document-values";

const TODAY = new Date("2026-11-23T12:00:00Z");

/** The issues as an English-speaking person reads them. */
function issuesOf(result: { error?: z.ZodError }) {
  return result.error?.issues.map((issue) => ({ path: issue.path.join("."), message: inEnglish(issueTranslatable(issue)) })) ?? [];
}

describe("identityDocumentFieldsSchema", () => {
  const schema = identityDocumentFieldsSchemaAt(TODAY);
  const valid = { number: "ab 12-345 678", country: "fr", issued_at: "2020-01-15", expires_at: "2030-01-14" };

  it("normalises the number and country", () => {
    expect(schema.parse(valid)).toEqual({ ...valid, number: "AB12345678", country: "FR" });
  });

  it("accepts a document on its expiry day", () => {
    expect(schema.safeParse({ ...valid, expires_at: "2026-11-23" }).success).toBe(true);
  });

  it.each([
    { name: "expired yesterday", change: { expires_at: "2026-11-22" }, path: "expires_at", message: "This document has expired" },
    { name: "expiry before issue", change: { issued_at: "2026-01-01", expires_at: "2025-12-31" }, path: "expires_at", message: "This document has expired" },
    { name: "expiry equal to issue", change: { issued_at: "2026-11-23", expires_at: "2026-11-23" }, path: "expires_at", message: "after the issue date" },
    { name: "issued tomorrow", change: { issued_at: "2026-11-24" }, path: "issued_at", message: "future" },
    { name: "issue date Feb 30", change: { issued_at: "2021-02-30" }, path: "issued_at", message: "does not exist" },
    { name: "number too short", change: { number: "12-34" }, path: "number", message: "at least 5" },
    { name: "number too long", change: { number: "1".repeat(21) }, path: "number", message: "at most 20" },
    { name: "number with symbols", change: { number: "AB#12345" }, path: "number", message: "letters and digits" },
    { name: "unknown country", change: { country: "XX" }, path: "country", message: "Choose a country" },
  ])("refuses $name", ({ change, path, message }) => {
    const issues = issuesOf(schema.safeParse({ ...valid, ...change }));
    expect(issues.some((i) => i.path === path && i.message.includes(message))).toBe(true);
  });
});

describe("proofOfAddressFieldsSchema", () => {
  const schema = proofOfAddressFieldsSchemaAt(TODAY);

  it.each([
    ["2026-11-23", "today"],
    ["2026-08-25", "exactly 90 days ago"],
  ])("accepts a bill issued %s (%s)", (issued_at) => {
    expect(schema.safeParse({ type: "utility_bill", issued_at }).success).toBe(true);
  });

  it.each([
    { name: "91 days old", value: { type: "bank_statement", issued_at: "2026-08-24" }, message: "more than 90 days old" },
    { name: "dated tomorrow", value: { type: "bank_statement", issued_at: "2026-11-24" }, message: "future" },
    { name: "unknown type", value: { type: "selfie", issued_at: "2026-11-01" }, message: "kind of document" },
    { name: "not a date", value: { type: "other", issued_at: "last week" }, message: "YYYY-MM-DD" },
  ])("refuses $name", ({ value, message }) => {
    const issues = issuesOf(schema.safeParse(value));
    expect(issues.map((i) => i.message).join()).toContain(message);
  });
});

describe("amlValueSchema", () => {
  it("accepts what screening writes", () => {
    expect(
      amlValueSchema.safeParse({ status: "clear", checked_at: "2026-11-23T12:00:00.000Z", list: "attest_demo_sample@abc" }).success,
    ).toBe(true);
  });

  it.each([
    { status: "maybe", checked_at: "2026-11-23T12:00:00Z", list: "x" },
    { status: "hit", checked_at: "yesterday", list: "x" },
    { status: "hit", checked_at: "2026-11-23T12:00:00Z", list: "" },
  ])("refuses %j", (value) => {
    expect(amlValueSchema.safeParse(value).success).toBe(false);
  });
});
