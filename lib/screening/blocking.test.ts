import { describe, expect, it, vi } from "vitest";
import type { SanctionsEntry } from "./csv";
import { buildScreeningIndex, screenPerson } from "./matcher";
import * as score from "./score";

// Counts how many names screening actually scores.
vi.mock("./score", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./score")>();
  return { ...actual, nameSimilarity: vi.fn(actual.nameSimilarity) };
});

const SYLLABLES = ["ka", "ro", "mi", "tsu", "len", "dor", "vas", "qui", "bel", "hon", "rix", "pae", "gul", "ser"];

/** Deterministic, distinct made-up names: no PRNG needed, every index gives another name. */
function madeUpName(i: number): string {
  const word = (n: number) => {
    let s = "";
    for (let k = 0; k < 3; k++, n = Math.floor(n / SYLLABLES.length)) s += SYLLABLES[n % SYLLABLES.length];
    return s;
  };
  return `${word(i)} ${word(i * 7 + 3)}`;
}

function person(id: string, name: string): SanctionsEntry {
  return { id, schema: "Person", name, aliases: [], birthDates: [], countries: [], dataset: "test" };
}

const entries: SanctionsEntry[] = [
  ...Array.from({ length: 10_000 }, (_, i) => person(`e${i}`, madeUpName(i))),
  // Makes the surname prefix "ost" a common key, so only a rarer key can single the target out.
  ...Array.from({ length: 100 }, (_, i) => person(`ost${i}`, `${madeUpName(i)} Ost${madeUpName(i + 1).split(" ")[0]}`)),
  person("target", "Valentina Ostrowska-Kell"),
];
const index = buildScreeningIndex(entries);
const spy = vi.mocked(score.nameSimilarity);

describe("the screening index", () => {
  it("scores only a small share of a large list and still finds the near miss", () => {
    spy.mockClear();
    const result = screenPerson(index, { fullName: "Walentina Ostrovska Kell" });
    expect(result.matches[0]?.entryId).toBe("target");
    expect(spy.mock.calls.length).toBeGreaterThan(0);
    expect(spy.mock.calls.length).toBeLessThan(entries.length / 100);
  });

  it("follows a rare key even when a common key of the same word also leads there", () => {
    // "Zalentino" shares no key with "Valentina"; "ostrowska" shares the common "ost" and a rare skeleton.
    const result = screenPerson(index, { fullName: "Zalentino Ostrowska" });
    expect(result.matches.map((m) => m.entryId)).toContain("target");
  });

  it("gives the same answers when screening many people in a row (no state leaks between calls)", () => {
    const people = ["Walentina Ostrovska Kell", "Zalentino Ostrowska", madeUpName(42), "Nobody Special"];
    const first = people.map((fullName) => screenPerson(index, { fullName }));
    const again = [...people].reverse().map((fullName) => screenPerson(index, { fullName })).reverse();
    expect(again).toEqual(first);
    expect(first[2]?.matches.map((m) => m.entryId)).toContain("e42");
  });
});
