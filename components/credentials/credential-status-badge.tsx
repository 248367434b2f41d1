import type { CredentialStatus } from "@/lib/credentials/manage";

const STYLES: Record<CredentialStatus, { label: string; className: string }> = {
  valid: { label: "Valid", className: "bg-emerald-50 text-emerald-800 ring-emerald-300" },
  revoked: { label: "Revoked", className: "bg-red-50 text-red-800 ring-red-300" },
  expired: { label: "Expired", className: "bg-orange-50 text-orange-800 ring-orange-300" },
};

export function CredentialStatusBadge({ status }: { status: CredentialStatus }) {
  const style = STYLES[status];
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`} data-status={status}>
      {style.label}
    </span>
  );
}
