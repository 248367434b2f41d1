import type { PartnerStatus } from "@/lib/items/items";

const STYLES: Record<PartnerStatus, string> = {
  verified: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  pending: "bg-amber-50 text-amber-800 ring-amber-300",
  missing: "bg-slate-100 text-slate-700 ring-slate-300",
  restricted: "bg-red-50 text-red-800 ring-red-300",
};

/** A status exactly as /kyc/validate reports it to the partner. */
export function PartnerStatusBadge({ status }: { status: PartnerStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 font-mono text-xs font-medium ring-1 ring-inset ${STYLES[status]}`} data-status={status}>
      {status}
    </span>
  );
}
