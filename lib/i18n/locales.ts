/**
 * The languages people's pages and emails come in, and how one is chosen: the person's own
 * choice (a cookie), else the browser's Accept-Language, else English. Imports nothing, so
 * the language switcher in the browser and the server read the same list.
 */
export const LOCALES = ["en", "de", "fr", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language named in itself, as a switcher shows it. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch", fr: "Français", es: "Español" };

export const LOCALE_COOKIE = "attest-locale";
export const TIME_ZONE_COOKIE = "attest-time-zone";
/** Set by the proxy on the console and the demo gateway, staff tools in English only; never taken from the client. */
export const ENGLISH_ONLY_HEADER = "x-attest-english-only";
const ENGLISH_ONLY_PATHS = /^\/(admin|demo)(\/|$)/;

/** Whether a page path belongs to the console or the demo gateway. */
export const isEnglishOnlyPath = (pathname: string) => ENGLISH_ONLY_PATHS.test(pathname);

/** A year: a language or a time zone is not something a person changes often. */
export const PREFERENCE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best of LOCALES for an Accept-Language header (RFC 9110 §12.5.4): ranges by weight,
 * the earlier first on a tie; "de-AT" matches "de"; "*" and q=0 match nothing.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      // A malformed weight ("q=abc") counts as 0: the range is ignored rather than trusted.
      const q = params.map((param) => /^\s*q\s*=(.*)$/i.exec(param)?.[1]).find((value) => value !== undefined);
      const weight = q === undefined ? 1 : /^\s*[0-9.]+\s*$/.test(q) ? Number(q) : 0;
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((range) => range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranges.map((range) => range.language).find(isLocale) ?? DEFAULT_LOCALE;
}

/** The language for a request: a valid cookie wins over the header. */
export function requestLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookie) ? cookie : negotiateLocale(acceptLanguage);
}

/** An IANA time zone this runtime knows ("Europe/Berlin"), or null: a cookie is untrusted input. */
export function validTimeZone(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return null;
  if (value === "UTC" || Intl.supportedValuesOf("timeZone").includes(value)) return value;
  return null;
}
