import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInError"))("metaTitle") };
}

/** The Auth.js errors a person can do something about; any other gets the general sentence. */
const EXPLAINED = ["Verification", "AccessDenied"] as const;
const isExplained = (error: string | undefined): error is (typeof EXPLAINED)[number] => (EXPLAINED as readonly (string | undefined)[]).includes(error);

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const [{ error }, t] = await Promise.all([searchParams, getTranslations("signInError")]);
  return (
    <Card padding="lg" className="mx-auto max-w-md" role="alert">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-3 text-slate-700">{isExplained(error) ? t(error) : t("other")}</p>
      <Button href="/signin" className="mt-6">
        {t("newLink")}
      </Button>
    </Card>
  );
}
