/**
 * Country codes. Attest stores ISO 3166-1 alpha-2; passports' MRZ uses alpha-3 plus a
 * few ICAO-only codes, so conversion lives here next to the validation.
 */
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };

// The browser entry of i18n-iso-countries registers no locale; register English once
// so names work the same in forms and on the server.
countries.registerLocale(en);

/** ICAO 9303 codes that are not ISO 3166-1 alpha-3 but name an ISO country. */
const ICAO_ALPHA3_ALIASES: Record<string, string> = {
  D: "DE", // Germany writes "D<<" in its MRZ
  GBD: "GB", // British Overseas Territories Citizen
  GBN: "GB", // British National (Overseas)
  GBO: "GB", // British Overseas Citizen
  GBP: "GB", // British Protected Person
  GBS: "GB", // British Subject
};

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function countryName(code: string): string | undefined {
  return countries.getName(code, "en", { select: "official" }) ?? undefined;
}

let options: { code: string; name: string }[] | undefined;

/** Every ISO country with its English name, sorted by name, for select boxes. */
export function countryOptions(): { code: string; name: string }[] {
  options ??= Object.entries(countries.getNames("en", { select: "official" }))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  return options.map((o) => ({ ...o }));
}

/** An MRZ country code (alpha-3 or ICAO special) as ISO alpha-2, or null when it is not a country. */
export function mrzCountryToAlpha2(code: string): string | null {
  const trimmed = code.replace(/</g, "").toUpperCase();
  return ICAO_ALPHA3_ALIASES[trimmed] ?? countries.alpha3ToAlpha2(trimmed) ?? null;
}

export function alpha2ToAlpha3(code: string): string | null {
  return countries.alpha2ToAlpha3(code.toUpperCase()) ?? null;
}
