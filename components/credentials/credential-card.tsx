import { useFormatter, useTranslations } from "next-intl";

import { CopyButton } from "@/components/credentials/copy-button";
import { CredentialStatusBadge } from "@/components/credentials/credential-status-badge";
import { revokeMyCredential } from "@/app/(account)/account/credentials/actions";
import { RevokeCredentialForm } from "@/components/credentials/revoke-credential-form";
import { Card } from "@/components/ui/card";
import type { CredentialStatus } from "@/lib/credentials/manage";

export type CredentialView = {
  id: string;
  tier: string;
  status: CredentialStatus;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  token: string | null;
  qr: string | null;
};

export function CredentialCard({ credential }: { credential: CredentialView }) {
  const t = useTranslations("credentials");
  const format = useFormatter();
  const date = (value: Date) => format.dateTime(value, { day: "numeric", month: "short", year: "numeric" });
  const { id, tier, status, token, qr } = credential;
  return (
    <li data-testid="credential" data-credential-id={id}>
      <Card className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 className="font-medium">{t("cardTitle", { tier })}</h3>
            <p className="text-sm text-slate-600">
              {t("issued", { date: date(credential.issuedAt) })} ·{" "}
              {status === "revoked" && credential.revokedAt ? t("revokedOn", { date: date(credential.revokedAt) }) : t("validUntil", { date: date(credential.expiresAt) })}
            </p>
            <p className="mt-1 break-all font-mono text-xs text-slate-500">{id}</p>
          </div>
          <CredentialStatusBadge status={status} />
        </div>
        {status === "valid" && token ? (
          <div className="space-y-3">
            <div className="flex flex-wrap items-center gap-2">
              <CopyButton text={token} label={t("copy")} copied={t("copied")} failed={t("copyFailed")} />
              <RevokeCredentialForm credentialId={id} action={revokeMyCredential} warning={t("revokeWarning")} />
            </div>
            <details className="group rounded-md border border-slate-200">
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">{t("showQr")}</summary>
              <div className="p-3">
                {qr ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a data URL drawn on the server; nothing to optimise
                  <img src={qr} alt={t("qrAlt")} className="mx-auto h-64 w-64 max-w-full" />
                ) : (
                  <p className="text-sm text-slate-600">{t("qrTooLong")}</p>
                )}
              </div>
            </details>
            <details className="rounded-md border border-slate-200">
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">{t("showToken")}</summary>
              <label className="block p-3">
                <span className="sr-only">{t("tokenLabel")}</span>
                <textarea readOnly value={token} rows={5} className="block w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs break-all" />
              </label>
            </details>
          </div>
        ) : null}
      </Card>
    </li>
  );
}
