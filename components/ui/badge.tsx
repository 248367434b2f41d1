export type BadgeTone = "neutral" | "brand" | "success" | "warning" | "caution" | "danger";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
  brand: "bg-brand-50 text-brand-900 ring-brand-200",
  success: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  warning: "bg-amber-50 text-amber-900 ring-amber-300",
  caution: "bg-orange-50 text-orange-800 ring-orange-300",
  danger: "bg-red-50 text-red-800 ring-red-300",
};

/** A short status word in a pill; the word carries the meaning, the colour only repeats it. */
export function Badge({ tone = "neutral", mono = false, className, ...attributes }: { tone?: BadgeTone; mono?: boolean } & React.HTMLAttributes<HTMLSpanElement>) {
  return (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]}${mono ? " font-mono" : ""}${className ? ` ${className}` : ""}`}
      {...attributes}
    />
  );
}
