import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { ResendLinkForm } from "@/components/auth/resend-link-form";
import { Card } from "@/components/ui/card";
import { sentToFrom } from "@/lib/auth/check-email";
import { getEnv } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("checkEmail"))("metaTitle") };
}

type Query = { email?: string | string[]; callbackUrl?: string | string[]; again?: string | string[] };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<Query> }) {
  const [sent, t] = [sentToFrom(await searchParams), await getTranslations("checkEmail")];
  const strong = (chunks: React.ReactNode) => <strong className="font-semibold break-all text-slate-900">{chunks}</strong>;
  const showMailbox = !getEnv().production;
  const otherAddress = `/signin?${new URLSearchParams({ callbackUrl: sent?.callbackUrl ?? "/account" })}`;
  return (
    <Card padding="lg" className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p role="status" className="text-slate-700">
        {sent ? t.rich(sent.again ? "sentAgainTo" : "sentTo", { email: sent.email, strong }) : t("sent")} {t("openIt")}
      </p>
      {sent ? (
        <div className="space-y-3 border-t border-slate-200 pt-4">
          <p className="text-sm text-slate-600">{t("nothingArrived")}</p>
          <ResendLinkForm email={sent.email} callbackUrl={sent.callbackUrl} />
        </div>
      ) : null}
      <p className="text-sm text-slate-600">
        <Link className="font-medium text-brand-700 underline" href={otherAddress}>
          {t("otherAddress")}
        </Link>
      </p>
      {showMailbox ? (
        <p className="text-sm text-slate-600">
          {t.rich("devMailbox", {
            link: (chunks) => (
              <Link className="font-medium text-brand-700 underline" href="/dev/mailbox">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
    </Card>
  );
}
