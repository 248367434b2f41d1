import { useTranslations } from "next-intl";

import type { CredentialStatus } from "@/lib/credentials/manage";

const STYLES: Record<CredentialStatus, string> = {
  valid: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  revoked: "bg-red-50 text-red-800 ring-red-300",
  expired: "bg-orange-50 text-orange-800 ring-orange-300",
};

export function CredentialStatusBadge({ status }: { status: CredentialStatus }) {
  const t = useTranslations("credentials.status");
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`} data-status={status}>
      {t(status)}
    </span>
  );
}
