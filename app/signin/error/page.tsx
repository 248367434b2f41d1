import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInError"))("metaTitle") };
}

/** The Auth.js errors a person can do something about; any other gets the general sentence. */
const EXPLAINED = ["Verification", "AccessDenied"] as const;
const isExplained = (error: string | undefined): error is (typeof EXPLAINED)[number] => (EXPLAINED as readonly (string | undefined)[]).includes(error);

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const [{ error }, t] = await Promise.all([searchParams, getTranslations("signInError")]);
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" role="alert">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-3 text-slate-700">{isExplained(error) ? t(error) : t("other")}</p>
      <Link href="/signin" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        {t("newLink")}
      </Link>
    </div>
  );
}
