import { describe, expect, it } from "vitest";

import { localizedCountryOptions } from "./country-names";

describe("localizedCountryOptions", () => {
  it("names every country in the person's language, sorted as it sorts", () => {
    const english = localizedCountryOptions("en");
    for (const locale of ["de", "fr", "es"] as const) {
      const options = localizedCountryOptions(locale);
      expect(options.map((o) => o.code).sort()).toEqual(english.map((o) => o.code).sort());
      expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b, locale)));
    }
    expect(localizedCountryOptions("de").find((o) => o.code === "DE")?.name).toBe("Deutschland");
    expect(localizedCountryOptions("fr").find((o) => o.code === "DE")?.name).toBe("Allemagne");
    expect(localizedCountryOptions("es").find((o) => o.code === "DE")?.name).toBe("Alemania");
    expect(english.find((o) => o.code === "DE")?.name).toBe("Germany");
  });
});
