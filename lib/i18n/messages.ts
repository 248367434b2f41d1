import { createFormatter, createTranslator } from "next-intl";

import de from "@/messages/de.json" with { type: "json" };
import en from "@/messages/en.json" with { type: "json" };
import es from "@/messages/es.json" with { type: "json" };
import fr from "@/messages/fr.json" with { type: "json" };

import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/** The catalogues, English being the reference every other one must match (tests/unit/messages.test.ts). */
export const MESSAGES: Record<Locale, typeof en> = { en, de, fr, es };

export type Messages = typeof en;

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}

/** A stored language (a user row's column), or English when there is none or it is no longer offered. */
export function localeOr(value: string | null | undefined): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** Words outside a page render: the emails, which go out from background work with no request to read. */
export function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}

/** Dates and times outside a page render, in the person's time zone (UTC when none is known). */
export function formatterFor(locale: Locale, timeZone: string | null) {
  return createFormatter({ locale, timeZone: timeZone ?? "UTC" });
}
