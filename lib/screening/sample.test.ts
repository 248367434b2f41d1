/**
 * The sample list shipped with the demo data (db/seed/sanctions-sample.csv). Every row is
 * invented. It is built so that the demo users are clear, and so that one entry shows a
 * birth date at work: "Robert Okafor" (alias "Bob Okafor", born 1961-02-02) has Bob's exact
 * name, but Bob was born in 1985, so the contradiction (×0.85) keeps him below 0.88.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildScreeningIndex, parseSanctionsCsv, screenPerson } from "./matcher";

const csv = readFileSync(fileURLToPath(new URL("../../db/seed/sanctions-sample.csv", import.meta.url)), "utf8");
const entries = parseSanctionsCsv(csv);
const index = buildScreeningIndex(entries);

describe("the demo sanctions sample", () => {
  it("is a small, fictional list in the OpenSanctions layout", () => {
    const rows = csv.trim().split("\n");
    expect(rows[0]).toBe(
      "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,program_ids,dataset,first_seen,last_seen,last_change",
    );
    expect(rows.length - 1).toBeGreaterThanOrEqual(20);
    expect(entries.every((e) => e.dataset === "attest_demo_sample")).toBe(true);
    // Companies and vessels are in the file but not screened against people.
    expect(entries.length).toBeLessThan(rows.length - 1);
    expect(entries.some((e) => /[^\x00-\x7F]/.test(e.name))).toBe(true);
    expect(entries.some((e) => e.aliases.length > 1 && e.birthDates.length > 1)).toBe(true);
  });

  it.each([
    { fullName: "Alice Martin", dateOfBirth: "1990-04-12" },
    { fullName: "Bob Okafor", dateOfBirth: "1985-09-30" },
    { fullName: "Carol Nguyen", dateOfBirth: "1992-01-25" },
  ])("leaves $fullName clear", (person) => {
    expect(screenPerson(index, person)).toEqual({ status: "clear", matches: [] });
  });

  it("clears Bob only because of his birth date", () => {
    const withoutDob = screenPerson(index, { fullName: "Bob Okafor" });
    expect(withoutDob.status).toBe("hit");
    expect(withoutDob.matches[0]).toMatchObject({ entryId: "attest-demo-0001", matchedName: "Bob Okafor", score: 1 });
    const near = screenPerson(index, { fullName: "Bob Okafor", dateOfBirth: "1985-09-30" }, { threshold: 0 });
    expect(near.matches[0]?.score).toBeCloseTo(0.85, 10);
  });

  it.each([
    ["Zoltan Erdemes Kovacsi", "attest-demo-0002"],
    ["Francoise Delacroix Mbeki", "attest-demo-0003"],
    ["Soren Akerlund", "attest-demo-0004"],
    ["Dmitriy Walkenhov", "attest-demo-0006"],
    ["Ottilie Grünwald", "attest-demo-0019"],
  ])("finds %j", (fullName, entryId) => {
    expect(screenPerson(index, { fullName }).matches[0]?.entryId).toBe(entryId);
  });
});
