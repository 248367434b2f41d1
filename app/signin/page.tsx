import type { Metadata } from "next";

import { SignInForm } from "@/components/auth/sign-in-form";
import { getDb } from "@/lib/db/client";
import { describePendingConsent, type PendingConsent } from "@/lib/consent/pending-request";
import { safeReturnPath } from "@/lib/http/return-path";

export const metadata: Metadata = { title: "Sign in" };

const TEXT = {
  title: "Sign in to Attest",
  intro: "Manage your verified identity and who may see it.",
  consentTitle: "Sign in to answer {partner}",
  consentIntro: "{partner} asks to see your verified identity. After you sign in you choose what to share; nothing is shared until then.",
  consentItems: "It asks for:",
  tooManyLinks: "Several sign-in links were asked for already. Use the latest one, or try again in 15 minutes.",
} as const;

const withPartner = (text: string, partner: string) => text.replaceAll("{partner}", partner);

function ConsentIntro({ consent }: { consent: PendingConsent }) {
  return (
    <div className="mt-2 mb-6 space-y-2 text-slate-600" data-testid="signin-consent">
      <p>{withPartner(TEXT.consentIntro, consent.partnerName)}</p>
      <p className="text-sm font-medium text-slate-800">{TEXT.consentItems}</p>
      <ul className="list-disc space-y-0.5 pl-5 text-sm">
        {consent.itemLabels.map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ul>
    </div>
  );
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const returnPath = safeReturnPath(callbackUrl);
  const consent = await describePendingConsent(await getDb(), returnPath);
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">{consent ? withPartner(TEXT.consentTitle, consent.partnerName) : TEXT.title}</h1>
      {consent ? <ConsentIntro consent={consent} /> : <p className="mt-2 mb-6 text-slate-600">{TEXT.intro}</p>}
      {error === "too_many_links" ? (
        // Where a link request posted straight to Auth.js lands when it was refused.
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {TEXT.tooManyLinks}
        </p>
      ) : null}
      <SignInForm callbackUrl={returnPath} />
    </div>
  );
}
