import { describe, expect, it } from "vitest";

import { isEnglishOnlyPath, negotiateLocale, requestLocale, validTimeZone } from "./locales";

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["de", "de"],
    ["de-AT,de;q=0.9,en;q=0.8", "de"],
    ["en-US,en;q=0.9", "en"],
    ["it,fr;q=0.5,de;q=0.7", "de"],
    ["fr-CA;q=0.4, es-MX;q=0.4", "fr"],
    ["ja,zh;q=0.9", "en"],
    ["de;q=0,fr", "fr"],
    ["*", "en"],
    ["es;q=abc,fr;q=0.1", "fr"],
    ["FR-fr", "fr"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe("requestLocale", () => {
  it("prefers a valid cookie over the header", () => {
    expect(requestLocale("es", "de")).toBe("es");
  });
  it("ignores a cookie naming a language not offered", () => {
    expect(requestLocale("it", "fr")).toBe("fr");
    expect(requestLocale("<script>", null)).toBe("en");
  });
});

describe("validTimeZone", () => {
  it("accepts IANA zones and UTC", () => {
    expect(validTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(validTimeZone("America/New_York")).toBe("America/New_York");
    expect(validTimeZone("UTC")).toBe("UTC");
  });
  it("refuses anything else", () => {
    for (const bad of ["Mars/Olympus", "", "europe/berlin ", "x".repeat(100), 42, null, undefined]) expect(validTimeZone(bad)).toBeNull();
  });
});

describe("isEnglishOnlyPath", () => {
  it("covers the console and the demo gateway only", () => {
    expect(isEnglishOnlyPath("/admin")).toBe(true);
    expect(isEnglishOnlyPath("/admin/review")).toBe(true);
    expect(isEnglishOnlyPath("/demo/gateway")).toBe(true);
    expect(isEnglishOnlyPath("/account")).toBe(false);
    expect(isEnglishOnlyPath("/administer")).toBe(false);
    expect(isEnglishOnlyPath("/kyc/grant/300")).toBe(false);
  });
});
