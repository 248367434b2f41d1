import { useTranslations } from "next-intl";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { CredentialStatus } from "@/lib/credentials/manage";

const TONES: Record<CredentialStatus, BadgeTone> = { valid: "success", revoked: "danger", expired: "caution" };

export function CredentialStatusBadge({ status }: { status: CredentialStatus }) {
  const t = useTranslations("credentials.status");
  return (
    <Badge tone={TONES[status]} data-status={status}>
      {t(status)}
    </Badge>
  );
}
