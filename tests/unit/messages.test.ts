import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { LOCALES } from "@/lib/i18n/locales";

/**
 * Every catalogue says what English says: the same keys, each with the same ICU arguments
 * and rich-text tags, so no page shows a raw key or loses a name it was given.
 */
type Catalogue = { [key: string]: string | Catalogue };

const read = (locale: string): Catalogue => JSON.parse(readFileSync(path.join(process.cwd(), "messages", `${locale}.json`), "utf8"));

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  return new Map(
    Object.entries(catalogue).flatMap(([key, value]) => {
      const name = prefix ? `${prefix}.${key}` : key;
      return typeof value === "string" ? [[name, value] as const] : [...flatten(value, name)];
    }),
  );
}

/** The argument names ({partner}, {count, plural, …}) and tags (<link>) of one message, sorted. */
function placeholdersOf(message: string): string[] {
  const found = new Set<string>();
  // Arguments: an opening brace followed by a name, then a closing brace or a comma (plural, select, number).
  for (const match of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[},]/g)) found.add(`{${match[1]}}`);
  for (const match of message.matchAll(/<\/?([A-Za-z][\w-]*)>/g)) found.add(`<${match[1]}>`);
  return [...found].sort();
}

const english = flatten(read("en"));

describe("message catalogues", () => {
  it("English has messages", () => {
    expect(english.size).toBeGreaterThan(100);
  });

  it("finds arguments and tags, and only those", () => {
    expect(placeholdersOf("{count, plural, one {# read} other {# reads}} by {partner}")).toEqual(["{count}", "{partner}"]);
    expect(placeholdersOf("Your receipt is in <link>Connected partners</link>.")).toEqual(["<link>"]);
    expect(placeholdersOf("Plain words")).toEqual([]);
  });

  for (const locale of LOCALES.filter((one) => one !== "en")) {
    describe(locale, () => {
      const other = flatten(read(locale));

      it("has every key English has, and no other", () => {
        expect([...english.keys()].filter((key) => !other.has(key)), "missing").toEqual([]);
        expect([...other.keys()].filter((key) => !english.has(key)), "extra").toEqual([]);
      });

      it("uses the same placeholders as English in every message", () => {
        const differing = [...english].filter(([key, message]) => other.has(key) && placeholdersOf(message).join() !== placeholdersOf(other.get(key)!).join());
        expect(differing.map(([key]) => `${key}: en ${placeholdersOf(english.get(key)!).join(" ")} / ${locale} ${placeholdersOf(other.get(key)!).join(" ")}`)).toEqual([]);
      });

      it("translates: no message is left empty", () => {
        expect([...other].filter(([, message]) => message.trim() === "").map(([key]) => key)).toEqual([]);
      });
    });
  }
});
