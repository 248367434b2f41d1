import { useLocale, useTranslations } from "next-intl";

import { chooseLanguage } from "@/app/actions/preferences";
import { LANGUAGE_NAMES, LOCALES } from "@/lib/i18n/locales";

/**
 * One button per language, each named in its own language (and marked so, for screen
 * readers); a plain form, so it works before any script has loaded.
 */
export function LanguageSwitcher() {
  const t = useTranslations("header");
  const current = useLocale();
  return (
    <form action={chooseLanguage} aria-label={t("language")} className="flex items-center gap-1 text-sm" data-testid="language-switcher">
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
    </form>
  );
}
