import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { signOutAction } from "@/app/actions/auth";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { currentUser } from "@/lib/auth/session";
import { ENGLISH_ONLY_HEADER } from "@/lib/i18n/locales";

export async function SiteHeader() {
  const [user, t, head] = await Promise.all([currentUser(), getTranslations("header"), headers()]);
  // The console and the demo gateway are in English only: no choice to offer there.
  const englishOnly = head.has(ENGLISH_ONLY_HEADER);
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label={t("main")} className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight text-brand-900">
          Attest
        </Link>
        <div className="flex flex-1 flex-wrap items-center gap-x-5 gap-y-1 text-sm text-slate-700">
          <Link href="/account" className="hover:text-brand-700">
            {t("yourIdentity")}
          </Link>
          <Link href="/demo" className="hover:text-brand-700">
            {t("demoGateway")}
          </Link>
          {user?.role ? (
            <Link href="/admin" className="hover:text-brand-700">
              {t("console")}
            </Link>
          ) : null}
        </div>
        <div className="text-sm">
          {user ? (
            <form action={signOutAction} className="flex items-center gap-3">
              <span className="text-slate-600" data-testid="signed-in-as">
                {user.email}
              </span>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100">
                {t("signOut")}
              </button>
            </form>
          ) : (
            <Link href="/signin" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
              {t("signIn")}
            </Link>
          )}
        </div>
        {englishOnly ? null : <LanguageSwitcher />}
      </nav>
    </header>
  );
}
