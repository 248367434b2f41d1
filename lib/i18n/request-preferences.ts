import "server-only";

import { cookies, headers } from "next/headers";

import { DEFAULT_LOCALE, ENGLISH_ONLY_HEADER, LOCALE_COOKIE, requestLocale, TIME_ZONE_COOKIE, validTimeZone, type Locale } from "./locales";
import { translatorFor } from "./messages";

export type RequestPreferences = { locale: Locale; timeZone: string };

/**
 * The language and time zone of the request being answered: the person's cookies, else the
 * browser's Accept-Language and UTC. Outside a request (background work, tests calling a
 * function directly) English and UTC.
 */
export async function requestPreferences(): Promise<RequestPreferences> {
  try {
    const [jar, head] = await Promise.all([cookies(), headers()]);
    const locale = head.has(ENGLISH_ONLY_HEADER) ? DEFAULT_LOCALE : requestLocale(jar.get(LOCALE_COOKIE)?.value, head.get("accept-language"));
    return { locale, timeZone: validTimeZone(jar.get(TIME_ZONE_COOKIE)?.value) ?? "UTC" };
  } catch {
    return { locale: DEFAULT_LOCALE, timeZone: "UTC" };
  }
}

/** Words for what a server action or a domain operation answers the person, in the request's language. */
export async function requestTranslator() {
  return translatorFor((await requestPreferences()).locale);
}
