import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { ContinueHereForm } from "@/components/kyc/continue-here-form";
import { findHandoff } from "@/lib/auth/handoff";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-cookie";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Continue on this device", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Params = { params: Promise<{ token: string }> };

/** Where a "Continue on your phone" link lands: what it will do, and the press that does it. */
export default async function ContinuePage({ params }: Params) {
  const { token } = await params;
  const [handoff, t, items] = await Promise.all([findHandoff(await getDb(), token), getTranslations("handoff"), getTranslations("items")]);
  if (!handoff) {
    return (
      <div className="max-w-xl space-y-3" data-testid="handoff-refused">
        <h1 className="text-2xl font-semibold tracking-tight">{t("refusedTitle")}</h1>
        <p role="alert" className="text-slate-700">
          {t("refused")}
        </p>
        <p className="text-sm text-slate-600">
          {t.rich("signInInstead", {
            link: (chunks) => (
              <Link href="/signin" className="font-medium text-brand-700 hover:underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t("continueHere")}</h1>
      <p className="text-slate-700">{t("explain", { hours: SESSION_MAX_AGE_SECONDS / 3600, item: items(`${handoff.item}.label`) })}</p>
      <ContinueHereForm token={token} />
    </div>
  );
}
