"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";

import { chooseLanguage } from "@/app/actions/preferences";
import { IDLE } from "@/lib/http/action-state";
import { LANGUAGE_NAMES, LOCALES } from "@/lib/i18n/locales";

/**
 * One button per language, each named in its own language (and marked so, for screen
 * readers). A server action form: it works before any script has loaded, too.
 */
export function LanguageSwitcher() {
  const t = useTranslations("header");
  const current = useLocale();
  const [state, action] = useActionState(chooseLanguage, IDLE);
  return (
    <form action={action} aria-label={t("language")} className="flex flex-wrap items-center gap-1 text-sm" data-testid="language-switcher">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className="rounded px-1.5 py-0.5 text-slate-700 hover:bg-slate-100 aria-pressed:bg-brand-50 aria-pressed:font-semibold aria-pressed:text-brand-900"
        >
          {LANGUAGE_NAMES[locale]}
        </button>
      ))}
      {!state.ok && state.message ? (
        <span role="alert" className="text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
