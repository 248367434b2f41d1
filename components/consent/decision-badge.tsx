const STYLES = {
  granted: { label: "Shared", className: "bg-emerald-50 text-emerald-800 ring-emerald-300" },
  denied: { label: "Denied", className: "bg-slate-100 text-slate-700 ring-slate-300" },
  revoked: { label: "Revoked", className: "bg-red-50 text-red-800 ring-red-300" },
} as const;

export function DecisionBadge({ decision }: { decision: keyof typeof STYLES }) {
  const style = STYLES[decision];
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`} data-decision={decision}>
      {style.label}
    </span>
  );
}
