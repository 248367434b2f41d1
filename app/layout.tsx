import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";

import { SiteHeader } from "@/components/ui/site-header";
import { TimeZoneSync } from "@/components/ui/time-zone-sync";
import { clientMessages } from "@/lib/i18n/client-messages";

import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site");
  return { title: { default: "Attest", template: "%s · Attest" }, description: t("description") };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, messages, t] = await Promise.all([getLocale(), getMessages(), getTranslations("site")]);
  return (
    <html lang={locale} className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        {/* Only what components in the browser read: the whole catalogue would be serialised into every page. */}
        <NextIntlClientProvider messages={clientMessages(messages)}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
            {t("skipToContent")}
          </a>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">
            {children}
          </main>
          <TimeZoneSync />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
