"use client";

import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { HomeLink, ProblemCard } from "@/components/ui/problem-card";

/**
 * A page that failed on the server. Next sends only a digest to the browser, never the
 * error itself; the digest lets staff find the logged entry without the person seeing internals.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("problem");
  return (
    <ProblemCard
      title={t("errorTitle")}
      actions={
        <>
          <Button onClick={reset}>{t("tryAgain")}</Button>
          <HomeLink />
        </>
      }
    >
      <p>{t("errorBody")}</p>
      {error.digest ? <p className="mt-2 text-sm text-slate-500">{t("reference")} <code className="font-mono">{error.digest}</code></p> : null}
    </ProblemCard>
  );
}
