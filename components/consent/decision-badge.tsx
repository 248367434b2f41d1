import { useTranslations } from "next-intl";

const STYLES = {
  granted: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  denied: "bg-slate-100 text-slate-700 ring-slate-300",
  revoked: "bg-red-50 text-red-800 ring-red-300",
} as const;

export function DecisionBadge({ decision }: { decision: keyof typeof STYLES }) {
  const t = useTranslations("decision");
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[decision]}`} data-decision={decision}>
      {t(decision)}
    </span>
  );
}
