import { describe, expect, it } from "vitest";

import { documentLapsesAt } from "./dates";
import { identityDocumentFieldsSchemaAt } from "./document-values";
import { effectiveState } from "./store";

describe("documentLapsesAt", () => {
  it("is the start of the UTC day after the expiry date", () => {
    expect(documentLapsesAt("2030-06-30")?.toISOString()).toBe("2030-07-01T00:00:00.000Z");
    expect(documentLapsesAt("2028-02-28")?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(documentLapsesAt("2030-12-31")?.toISOString()).toBe("2031-01-01T00:00:00.000Z");
  });

  it.each(["2030-02-30", "30/06/2030", ""])("is null for %j, which is not a date", (value) => {
    expect(documentLapsesAt(value)).toBeNull();
  });

  // The upload check and the stored expiry must draw the same line: a document the upload
  // accepts must not read as expired the same day, and one it refuses must read as expired.
  const fields = (expires_at: string) => ({ number: "X1234567", country: "GB", issued_at: "2020-01-01", expires_at });
  it.each([
    ["the first instant of the expiry day", "2030-06-30T00:00:00.000Z", true],
    ["the last instant of the expiry day", "2030-06-30T23:59:59.999Z", true],
    ["the first instant of the day after", "2030-07-01T00:00:00.000Z", false],
  ] as const)("upload and expiry agree at %s", (_, instant, valid) => {
    const now = new Date(instant);
    const expiresAt = documentLapsesAt("2030-06-30");
    expect(identityDocumentFieldsSchemaAt(now).safeParse(fields("2030-06-30")).success).toBe(valid);
    expect(effectiveState({ state: "verified", expiresAt }, now)).toBe(valid ? "verified" : "expired");
  });
});
