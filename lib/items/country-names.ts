import "server-only";

import countries from "i18n-iso-countries";
import de from "i18n-iso-countries/langs/de.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };

import type { Locale } from "@/lib/i18n/locales";

import { countryName, countryOptions } from "./countries";

// Server side only: the names in every language stay out of the browser's bundle, which
// gets the list it shows from the page.
for (const names of [de, fr, es]) countries.registerLocale(names);

/** Every ISO country named in `locale`, sorted as that language sorts, for select boxes. */
export function localizedCountryOptions(locale: Locale): { code: string; name: string }[] {
  if (locale === "en") return countryOptions();
  const names = countries.getNames(locale, { select: "official" });
  return countryOptions()
    .map(({ code, name }) => ({ code, name: names[code] ?? name }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** One country's name in `locale` ("DE" → "Deutschland"), for what the server writes (the masked previews); the code when it names none. */
export function countryNameIn(code: string, locale: Locale): string {
  const name = locale === "en" ? countryName(code) : (countries.getName(code, locale, { select: "official" }) ?? countryName(code));
  return name ?? code;
}
