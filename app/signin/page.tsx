import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";

import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { describePendingConsent, type PendingConsent } from "@/lib/consent/pending-request";
import { safeReturnPath } from "@/lib/http/return-path";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("metaTitle") };
}

function ConsentIntro({ consent }: { consent: PendingConsent }) {
  const t = useTranslations("signIn");
  const items = useTranslations("items");
  return (
    <div className="mt-2 mb-6 space-y-2 text-slate-600" data-testid="signin-consent">
      <p>{t("consentIntro", { partner: consent.partnerName })}</p>
      <p className="text-sm font-medium text-slate-800">{t("consentItems")}</p>
      <ul className="list-disc space-y-0.5 pl-5 text-sm">
        {consent.items.map((item) => (
          <li key={item}>{items(`${item}.label`)}</li>
        ))}
      </ul>
    </div>
  );
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const returnPath = safeReturnPath(callbackUrl);
  const [consent, t] = await Promise.all([describePendingConsent(await getDb(), returnPath), getTranslations("signIn")]);
  return (
    <Card padding="lg" className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">{consent ? t("consentTitle", { partner: consent.partnerName }) : t("title")}</h1>
      {consent ? <ConsentIntro consent={consent} /> : <p className="mt-2 mb-6 text-slate-600">{t("intro")}</p>}
      {error === "too_many_links" ? (
        // Where a link request posted straight to Auth.js lands when it was refused.
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("tooManyLinks")}
        </p>
      ) : null}
      <SignInForm callbackUrl={returnPath} />
    </Card>
  );
}
