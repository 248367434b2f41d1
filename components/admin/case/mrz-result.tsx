import type { ReviewCase } from "@/lib/review/case";

/** The passport's MRZ as typed, and whether its check digits and fields agree. */
export function MrzResult({ caseData }: { caseData: ReviewCase }) {
  const passport = caseData.items.find((item) => item.item === "passport");
  const mrz = (passport?.value as { mrz?: unknown } | null)?.mrz;
  if (!caseData.mrz || typeof mrz !== "string") return null;
  const problems = [...caseData.mrz.errors, ...caseData.mrz.mismatches];
  return (
    <div className="space-y-2" data-testid="mrz-result">
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{mrz}</pre>
      {problems.length === 0 ? (
        <p className="text-sm font-medium text-emerald-800">MRZ check: check digits valid and the MRZ agrees with the typed fields.</p>
      ) : (
        <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-medium">MRZ check failed</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
