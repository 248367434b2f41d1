import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";

import { AccountMismatch } from "@/components/consent/account-mismatch";
import { ConsentForm } from "@/components/consent/consent-form";
import { ConsentProblem } from "@/components/consent/consent-problem";
import { PartnerSummary } from "@/components/consent/partner-summary";
import { requireUser } from "@/lib/auth/session";
import { buildCallbackUrl } from "@/lib/consent/callback-url";
import { loadConsentRows } from "@/lib/consent/consent-rows";
import { createDecisionToken } from "@/lib/consent/decision-token";
import type { QueryInput } from "@/lib/consent/grant-request";
import { resolveGrantRequest } from "@/lib/consent/resolve-grant-request";
import { getDb } from "@/lib/db/client";
import { fetchPartnerIcon } from "@/lib/ocn/partner-icon";
import type { ResolvedPartner } from "@/lib/ocn/partners";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consent"))("metaTitle"), robots: { index: false } };
}

function queryString(query: QueryInput): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(name, one);
  }
  return params.toString();
}

/** Attest's copy of the partner's icon, when there is one it could fetch: the page never shows a broken image. */
async function iconPath(partner: ResolvedPartner): Promise<string | null> {
  if (!(await fetchPartnerIcon(partner))) return null;
  return `/kyc/grant/${partner.ocid}/icon`;
}

export default async function GrantPage({ params, searchParams }: { params: Promise<{ ocid: string }>; searchParams: Promise<QueryInput> }) {
  const [{ ocid }, query] = await Promise.all([params, searchParams]);
  const db = await getDb();
  const resolved = await resolveGrantRequest(db, ocid, query);
  if (resolved.kind === "error_page") return <ConsentProblem problem={resolved.problem} />;
  if (resolved.kind === "redirect_error") {
    redirect(buildCallbackUrl(resolved.callbackUrl, { status: "error", error: "invalid_request" }, resolved.state));
  }
  const { request, partner } = resolved;

  const returnTo = `/kyc/grant/${encodeURIComponent(ocid)}?${queryString(query)}`;
  const user = await requireUser(returnTo);
  if (user.ocid !== request.userOcid) {
    return <AccountMismatch partnerName={partner.name} signedInOcid={user.ocid} requestedOcid={request.userOcid} returnTo={returnTo} />;
  }

  const [rows, t] = await Promise.all([loadConsentRows(db, user.id, partner, request.items, await getLocale()), getTranslations("consent")]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">
          {t("title", { partner: partner.name })}
        </h1>
        <p className="mt-1 text-slate-600">
          {t("intro", { email: user.email })}{" "}
          <span className="font-mono" data-testid="user-ocid">
            {user.ocid}
          </span>
        </p>
      </div>
      <PartnerSummary
        name={partner.name}
        ocid={partner.ocid}
        domain={partner.domain}
        iconUrl={await iconPath(partner)}
        retentionNote={partner.retentionNote}
      />
      <ConsentForm
        partnerName={partner.name}
        returnTo={returnTo}
        rows={rows}
        fields={{
          ocid,
          grants: request.items.join(","),
          user_ocid: String(request.userOcid),
          callback_url: request.callbackUrl,
          state: request.state ?? undefined,
          token: createDecisionToken(user.id, partner.ocid),
        }}
      />
    </div>
  );
}
