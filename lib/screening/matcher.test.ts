import { describe, expect, it } from "vitest";
import type { SanctionsEntry } from "./csv";
import { buildScreeningIndex, DEFAULT_SCREENING_THRESHOLD, screenPerson } from "./matcher";
import { nameTokens } from "./normalize";
import { BIRTH_DATE_CONTRADICTION_FACTOR, nameSimilarity } from "./score";

function entry(id: string, name: string, extra: Partial<SanctionsEntry> = {}): SanctionsEntry {
  return { id, schema: "Person", name, aliases: [], birthDates: [], countries: [], dataset: "test", ...extra };
}

const index = buildScreeningIndex([
  entry("munoz", "José Muñoz", { birthDates: ["1970-03-15"], countries: ["es"] }),
  entry("qasimov", "Abdulrahman Qasimov", { aliases: ["Abu Qasim", "A. R. Kasimov"], birthDates: ["1961"] }),
  entry("varga", "Ilona Vargha-Szabó", { birthDates: ["1975-06"] }),
  entry("smith", "John Smith"),
  entry("smyth", "Jon Smyth"),
  entry("mononym", "Shakirov", { aliases: ["Rustam Shakirov"] }),
]);

function screen(fullName: string, dateOfBirth?: string, threshold?: number) {
  return screenPerson(index, { fullName, dateOfBirth }, { threshold });
}

describe("screenPerson", () => {
  it.each([
    ["Jose Munoz", "accents removed"],
    ["JOSÉ MUÑOZ", "case"],
    ["Muñoz José", "reordered"],
    ["Munoz, Jose", "reordered with punctuation"],
  ])("finds %j (%s) with a perfect score", (fullName) => {
    const result = screen(fullName);
    expect(result.status).toBe("hit");
    expect(result.matches[0]).toMatchObject({ entryId: "munoz", name: "José Muñoz", score: 1, countries: ["es"] });
  });

  it.each([
    ["Abu Qasim", "Abu Qasim"],
    ["Qasim Abu", "Abu Qasim"],
    ["A R Kasimov", "A. R. Kasimov"],
  ])("matches the alias for %j", (fullName, matchedName) => {
    const match = screen(fullName).matches.find((m) => m.entryId === "qasimov");
    expect(match).toMatchObject({ name: "Abdulrahman Qasimov", matchedName, score: 1 });
  });

  it("matches one-word names with one-word entries only", () => {
    expect(screen("Shakirov").matches.map((m) => [m.entryId, m.matchedName])).toEqual([["mononym", "Shakirov"]]);
    expect(screen("Rustam Shakirov").matches.map((m) => m.matchedName)).toEqual(["Rustam Shakirov"]);
  });

  it.each([
    ["Josè Munos", "a misspelt surname"],
    ["Zose Munoz", "a wrong first letter"],
    ["Ilona Varga Szabo", "a simplified spelling"],
  ])("still meets %j (%s)", (fullName) => {
    expect(screen(fullName).status).toBe("hit");
  });

  it.each([
    { name: "Maria Lopez", why: "an unrelated name" },
    { name: "Jose", why: "a first name alone against a two-word entry" },
    { name: "Timur Shakirov", why: "a two-word name against a one-word entry" },
    { name: "", why: "an empty name" },
    { name: "—", why: "punctuation only" },
  ])("is clear for $why", ({ name }) => {
    expect(screen(name)).toEqual({ status: "clear", matches: [] });
  });

  describe("birth dates", () => {
    it.each([
      { name: "a contradicting full date", dob: "1985-09-30", factor: BIRTH_DATE_CONTRADICTION_FACTOR },
      { name: "no date given", dob: undefined, factor: 1 },
      { name: "a malformed date (ignored)", dob: "30/09/1985", factor: 1 },
    ])("scales an exact name by $factor for $name", ({ dob, factor }) => {
      const result = screen("Jose Munoz", dob, 0);
      expect(result.matches.find((m) => m.entryId === "munoz")?.score).toBeCloseTo(factor, 10);
    });

    it("turns an exact namesake with another birth date into clear at the default threshold", () => {
      expect(screen("Jose Munoz", "1985-09-30").status).toBe("clear");
      expect(screen("Jose Munoz", "1970-03-15").status).toBe("hit");
    });

    it.each([
      { dob: "1961-12-31", entry: "qasimov", contradicts: false, why: "year-only entry, same year" },
      { dob: "1962-01-01", entry: "qasimov", contradicts: true, why: "year-only entry, next year" },
      { dob: "1975-06-01", entry: "varga", contradicts: false, why: "month entry, same month" },
      { dob: "1975-07-01", entry: "varga", contradicts: true, why: "month entry, next month" },
    ])("compares partial dates at their precision: $why", ({ dob, entry: id, contradicts }) => {
      const name = id === "qasimov" ? "Abu Qasim" : "Ilona Vargha-Szabó";
      const score = screen(name, dob, 0).matches.find((m) => m.entryId === id)?.score;
      expect(score).toBeCloseTo(contradicts ? BIRTH_DATE_CONTRADICTION_FACTOR : 1, 10);
    });

    it("raises a near match slightly when the full date is identical, capped at 1", () => {
      const without = screen("Jose Munos", undefined, 0).matches[0]?.score ?? 0;
      const withDob = screen("Jose Munos", "1970-03-15", 0).matches[0]?.score ?? 0;
      expect(without).toBeLessThan(1);
      expect(withDob).toBeGreaterThan(without);
      expect(screen("Jose Munoz", "1970-03-15", 0).matches[0]?.score).toBe(1);
    });
  });

  describe("threshold", () => {
    const expected = nameSimilarity(nameTokens("Jon Smith"), nameTokens("Jon Smyth"));

    it("defaults to 0.88", () => {
      expect(DEFAULT_SCREENING_THRESHOLD).toBe(0.88);
    });

    it("counts a score equal to the threshold as a hit and anything above it as clear", () => {
      const at = screen("Jon Smith", undefined, expected).matches.find((m) => m.entryId === "smyth");
      expect(at?.score).toBe(expected);
      expect(screen("Jon Smith", undefined, expected + 1e-9).matches.find((m) => m.entryId === "smyth")).toBeUndefined();
    });

    it("sorts matches by score, best first", () => {
      const result = screen("Jon Smith", undefined, 0.5);
      expect(result.matches.map((m) => m.entryId).slice(0, 2).sort()).toEqual(["smith", "smyth"]);
      const scores = result.matches.map((m) => m.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });
  });
});
