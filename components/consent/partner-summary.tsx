import { useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";

import { PartnerAvatar } from "./partner-avatar";

export type PartnerSummaryProps = { name: string; ocid: number; domain: string; iconUrl: string | null; retentionNote: string | null };

/** Who is asking: the facts a person needs before deciding. */
export function PartnerSummary({ name, ocid, domain, iconUrl, retentionNote }: PartnerSummaryProps) {
  const t = useTranslations("consent");
  return (
    <section aria-labelledby="partner-name">
      <Card>
        <div className="flex items-center gap-4">
          <PartnerAvatar name={name} iconUrl={iconUrl} />
          <div className="min-w-0">
            <h2 id="partner-name" className="text-lg font-semibold break-words" data-testid="partner-name">
              {name}
            </h2>
            <p className="text-sm text-slate-600">{t("partnerKind", { ocid: String(ocid) })}</p>
          </div>
        </div>
        <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("verifiedDomain")}</dt>
            <dd className="font-medium break-all">
              {domain}
              <span className="sr-only"> {t("domainChecked")}</span>
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("retention")}</dt>
            <dd className={retentionNote ? "font-medium" : "text-slate-600"}>{retentionNote ?? t("noRetention")}</dd>
          </div>
        </dl>
      </Card>
    </section>
  );
}
