import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { CredentialCard, type CredentialView } from "@/components/credentials/credential-card";
import { IssueCredentialForm } from "@/components/credentials/issue-credential-form";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { ownIssuanceOptions } from "@/lib/credentials/issue";
import { listOwnCredentials } from "@/lib/credentials/manage";
import { qrDataUrl } from "@/lib/credentials/qr";
import type { Requirement } from "@/lib/credentials/tiers";
import { getDb } from "@/lib/db/client";
import type { Item } from "@/lib/items/items";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("credentials"))("metaTitle") };
}

/** Requirements beyond single items, worded on their own. */
const COMPOSITE = ["identity_document", "aml_clear"] as const;
const isComposite = (requirement: Requirement): requirement is (typeof COMPOSITE)[number] => (COMPOSITE as readonly string[]).includes(requirement);

async function toView(credential: Awaited<ReturnType<typeof listOwnCredentials>>[number]): Promise<CredentialView> {
  let qr: string | null = null;
  if (credential.status === "valid" && credential.token) {
    try {
      qr = await qrDataUrl(credential.token);
    } catch {
      qr = null;
    }
  }
  return { ...credential, qr };
}

export default async function CredentialsPage() {
  const user = await requireUser("/account/credentials");
  const db = await getDb();
  const [options, credentials] = await Promise.all([ownIssuanceOptions(db, user.id), listOwnCredentials(db, user.id)]);
  const [views, t, items] = await Promise.all([Promise.all(credentials.map(toView)), getTranslations("credentials"), getTranslations("items")]);
  const requirementLabel = (requirement: Requirement) => (isComposite(requirement) ? t(`req_${requirement}`) : items(`${requirement as Item}.label`));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-2xl text-slate-600">
          {t("intro")}
        </p>
      </div>

      <Card title={t("issueTitle")} headingId="issue-heading" className="space-y-3">
        {options.tier ? (
          <>
            <p className="text-sm text-slate-700">
              {t.rich("youMeet", { tier: t(`tier.${options.tier}`), strong: (chunks) => <span className="font-medium">{chunks}</span> })}
            </p>
            <IssueCredentialForm tier={options.tier} />
          </>
        ) : (
          <p className="text-sm text-slate-700">{t("cannotYet")}</p>
        )}
        {options.next ? (
          <div className="text-sm text-slate-600">
            <p>
              {t("stillNeeded", { tier: options.next.tier })}
            </p>
            <ul className="mt-1 list-inside list-disc">
              {options.next.missing.map((requirement) => (
                <li key={requirement}>{requirementLabel(requirement)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </Card>

      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading" className="text-lg font-medium">
          {t("issuedTitle")}
        </h2>
        {views.length === 0 ? (
          <EmptyState>{t("none")}</EmptyState>
        ) : (
          <ul className="space-y-3" aria-label={t("listLabel")}>
            {views.map((view) => (
              <CredentialCard key={view.id} credential={view} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
