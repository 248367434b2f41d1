"use server";

import { publicAction } from "@/lib/auth/action";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { isLocale, validTimeZone } from "@/lib/i18n/locales";
import { rememberPreferences } from "@/lib/i18n/preferences";
import { requestTranslator } from "@/lib/i18n/request-preferences";
import type { ActionState } from "@/lib/http/action-state";

/**
 * The language switcher's buttons: `locale` names one of LOCALES; anything else changes
 * nothing. Setting the cookie re-renders the page in the new language.
 */
export const chooseLanguage = publicAction("chooseLanguage", async (_previous: ActionState, form: FormData): Promise<ActionState> => {
  const locale = form.get("locale");
  if (!isLocale(locale)) return { ok: false, message: (await requestTranslator())("header.unknownLanguage") };
  await rememberPreferences(await getDb(), (await currentUser())?.id ?? null, { locale });
  return { ok: true };
});

/** The zone the browser reports, checked against the zones this server knows. */
export const rememberTimeZone = publicAction("rememberTimeZone", async (timeZone: string): Promise<ActionState> => {
  const valid = validTimeZone(timeZone);
  if (!valid) return { ok: false, message: "Unknown time zone." };
  await rememberPreferences(await getDb(), (await currentUser())?.id ?? null, { timeZone: valid });
  return { ok: true };
});
