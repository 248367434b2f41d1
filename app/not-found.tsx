import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";

import { HomeLink, ProblemCard } from "@/components/ui/problem-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("problem"))("notFoundMeta") };
}

export default function NotFound() {
  const t = useTranslations("problem");
  return (
    <ProblemCard title={t("notFoundTitle")} actions={<HomeLink />}>
      <p>{t("notFoundBody")}</p>
    </ProblemCard>
  );
}
