import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PartnerStatus } from "@/lib/items/items";

const TONES: Record<PartnerStatus, BadgeTone> = { verified: "success", pending: "warning", missing: "neutral", restricted: "danger" };

/** A status exactly as /kyc/validate reports it to the partner. */
export function PartnerStatusBadge({ status }: { status: PartnerStatus }) {
  return (
    <Badge tone={TONES[status]} mono data-status={status}>
      {status}
    </Badge>
  );
}
