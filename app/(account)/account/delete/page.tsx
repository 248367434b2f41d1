import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { DeleteAccountForm } from "@/components/kyc/delete-account-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("deletion"))("metaTitle") };
}

export default async function DeleteAccountPage() {
  const [user, t] = await Promise.all([requireUser("/account/delete"), getTranslations("deletion")]);
  return (
    <div className="max-w-2xl space-y-6">
      <Link href="/account" className="text-sm font-medium text-brand-700 hover:underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <Card className="space-y-3 text-sm text-slate-700">
        <p>
          {t.rich("erases", { email: user.email, strong: (chunks) => <span className="font-medium">{chunks}</span> })}
        </p>
        <p>
          {t("partnersTold", { ocid: String(user.ocid) })}
        </p>
        <DeleteAccountForm />
      </Card>
    </div>
  );
}
