import type { Metadata } from "next";

import { CredentialCard, type CredentialView } from "@/components/credentials/credential-card";
import { IssueCredentialForm } from "@/components/credentials/issue-credential-form";
import { requireUser } from "@/lib/auth/session";
import { ownIssuanceOptions } from "@/lib/credentials/issue";
import { listOwnCredentials } from "@/lib/credentials/manage";
import { qrDataUrl } from "@/lib/credentials/qr";
import { TIER_LABELS } from "@/lib/credentials/tiers";
import type { Requirement } from "@/lib/credentials/tiers";
import { getDb } from "@/lib/db/client";
import { ITEM_INFO, type Item } from "@/lib/items/items";

export const metadata: Metadata = { title: "Your credentials" };

const REQUIREMENT_LABELS: Record<string, string> = { identity_document: "An identity document", aml_clear: "A clear sanctions screening" };
const requirementLabel = (requirement: Requirement) => REQUIREMENT_LABELS[requirement] ?? ITEM_INFO[requirement as Item].label;

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
  const views = await Promise.all(credentials.map(toView));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your credentials</h1>
        <p className="mt-1 max-w-2xl text-slate-600">
          A credential is a signed statement from Attest that your identity is verified to a KYC tier. You can hand it to anyone; they check it with
          Attest&apos;s public key without seeing your documents. Issuing one for yourself is free.
        </p>
      </div>

      <section aria-labelledby="issue-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="issue-heading" className="text-lg font-medium">
          Issue a credential
        </h2>
        {options.tier ? (
          <>
            <p className="text-sm text-slate-700">
              You meet <span className="font-medium">{TIER_LABELS[options.tier]}</span>.
            </p>
            <IssueCredentialForm tier={options.tier} />
          </>
        ) : (
          <p className="text-sm text-slate-700">You cannot get a credential yet.</p>
        )}
        {options.next ? (
          <div className="text-sm text-slate-600">
            <p>
              For {options.next.tier}, still needed:
            </p>
            <ul className="mt-1 list-inside list-disc">
              {options.next.missing.map((requirement) => (
                <li key={requirement}>{requirementLabel(requirement)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading" className="text-lg font-medium">
          Issued credentials
        </h2>
        {views.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
            You have no credentials yet.
          </p>
        ) : (
          <ul className="space-y-3" aria-label="Your credentials">
            {views.map((view) => (
              <CredentialCard key={view.id} credential={view} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
