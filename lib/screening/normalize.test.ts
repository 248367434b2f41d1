import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameTokens, normalizeName } from "./normalize";

describe("normalizeName", () => {
  it.each([
    ["José Muñoz", "jose munoz"],
    ["MUÑOZ, José", "jose munoz"],
    ["  Anne-Marie   O'Neil ", "anne marie oneil"],
    ["Søren Åkerlund-Voss", "akerlund soren voss"],
    ["Straße Łukasz Œuvre", "lukasz oeuvre strasse"],
    ["Ștefănescu Drăgulin", "dragulin stefanescu"],
    ["Дмитрий Валькенхов", "валькенхов дмитрии"], // й decomposes to и + breve; other scripts stay
    ["Lucan Thistlewood, Jr.", "jr lucan thistlewood"],
    ["...", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  const names = fc.array(fc.string({ unit: fc.constantFrom(..."abcdeéñøABZ"), minLength: 1, maxLength: 8 }), {
    minLength: 1,
    maxLength: 4,
  });

  it("ignores word order", () => {
    fc.assert(
      fc.property(names, (words) => {
        expect(normalizeName([...words].reverse().join(" "))).toBe(normalizeName(words.join(" ")));
      }),
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalizeName(normalizeName(s))).toBe(normalizeName(s));
      }),
    );
  });

  it("returns sorted tokens", () => {
    expect(nameTokens("Zed Adams Mills")).toEqual(["adams", "mills", "zed"]);
  });
});
