import "server-only";

import { and, eq, isNull } from "drizzle-orm";
import { cookies, headers } from "next/headers";

import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

import { isLocale, LOCALE_COOKIE, negotiateLocale, PREFERENCE_COOKIE_MAX_AGE, TIME_ZONE_COOKIE, validTimeZone, type Locale } from "./locales";

export type Preferences = { locale?: Locale; timeZone?: string };

const cookieOptions = { maxAge: PREFERENCE_COOKIE_MAX_AGE, path: "/", sameSite: "lax", httpOnly: true } as const;

/**
 * Remembers a language or time zone: in cookies for everyone (the pages read them), and on
 * the signed-in person's row (their emails read it). Values are checked by the caller.
 */
export async function rememberPreferences(db: Db, userId: string | null, preferences: Preferences): Promise<void> {
  const jar = await cookies();
  if (preferences.locale) jar.set(LOCALE_COOKIE, preferences.locale, cookieOptions);
  if (preferences.timeZone) jar.set(TIME_ZONE_COOKIE, preferences.timeZone, cookieOptions);
  if (userId && (preferences.locale || preferences.timeZone)) await db.update(users).set(preferences).where(eq(users.id, userId));
}

/**
 * What this browser chose before the person signed in, copied onto their row at sign-in so
 * the emails that follow speak their language. A cookie is a choice and replaces what the row
 * had; without one, the browser's Accept-Language fills a row that has no language yet.
 */
export async function adoptRequestPreferences(db: Db, userId: string): Promise<void> {
  let jar, head;
  try {
    [jar, head] = await Promise.all([cookies(), headers()]);
  } catch {
    return; // outside a request (tests calling Auth.js's events directly): nothing to adopt
  }
  const chosen = jar.get(LOCALE_COOKIE)?.value;
  const timeZone = validTimeZone(jar.get(TIME_ZONE_COOKIE)?.value);
  const changes: Preferences = { ...(isLocale(chosen) ? { locale: chosen } : {}), ...(timeZone ? { timeZone } : {}) };
  if (Object.keys(changes).length > 0) await db.update(users).set(changes).where(eq(users.id, userId));
  const accepted = head.get("accept-language");
  if (!isLocale(chosen) && accepted) await db.update(users).set({ locale: negotiateLocale(accepted) }).where(and(eq(users.id, userId), isNull(users.locale)));
}
