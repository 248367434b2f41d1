import { useTranslations } from "next-intl";

import { PrimaryLink, ProblemCard } from "@/components/ui/problem-card";
import type { GrantRequestProblem } from "@/lib/consent/grant-request";

/** A request we will not act on: explained on Attest, never bounced to an address we could not check. */
export function ConsentProblem({ problem }: { problem: GrantRequestProblem | "metadata_unavailable" }) {
  const t = useTranslations("consent");
  return (
    <ProblemCard title={t(`problem.${problem}.title`)} actions={<PrimaryLink href="/account">{t("goToIdentity")}</PrimaryLink>} data-testid="consent-problem" data-problem={problem}>
      <p>{t(`problem.${problem}.body`)}</p>
    </ProblemCard>
  );
}
