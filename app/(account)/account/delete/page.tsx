import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { DeleteAccountForm } from "@/components/kyc/delete-account-form";
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
      <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700 sm:p-6">
        <p>
          {t.rich("erases", { email: user.email, strong: (chunks) => <span className="font-medium">{chunks}</span> })}
        </p>
        <p>
          {t("partnersTold", { ocid: String(user.ocid) })}
        </p>
        <DeleteAccountForm />
      </div>
    </div>
  );
}
