import Link from "next/link";

import { AssignToMe } from "@/components/admin/assign-form";
import { CaseKeyboard } from "@/components/admin/case-keyboard";
import { Button } from "@/components/ui/button";
import type { ReviewCase } from "@/lib/review/case";

/** Who the case is about, what waits, and the ways to the neighbouring cases. */
export function CaseHeader({
  caseData,
  personName,
  previous,
  next,
  mayAssignToMe,
}: {
  caseData: ReviewCase;
  personName: string | null;
  previous: string | null;
  next: string | null;
  mayAssignToMe: boolean;
}) {
  const pending = caseData.pending.length;
  const previousHref = previous ? `/admin/cases/${previous}` : null;
  const nextHref = next ? `/admin/cases/${next}` : null;
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div>
        <Link href="/admin" className="text-sm text-brand-700 underline">
          ← Review queue
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Case · OCID {caseData.ocid}</h1>
        {personName ? (
          <p className="text-lg text-slate-800" data-testid="person-name">
            {personName}
          </p>
        ) : null}
        <p className="mt-1 text-slate-600" data-testid="pending-count">
          {pending === 0 ? "Nothing pending." : `${pending} pending item${pending === 1 ? "" : "s"}.`}
          {caseData.waiting.length > 0 ? ` ${caseData.waiting.length} waiting on the person.` : ""}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {previousHref ? (
          <Button href={previousHref} variant="secondary" size="sm" aria-keyshortcuts="K">
            ← Previous <kbd className="text-xs text-slate-500">K</kbd>
          </Button>
        ) : null}
        {nextHref ? (
          <Button href={nextHref} variant="secondary" size="sm" aria-keyshortcuts="J" data-testid="next-case">
            Next <kbd className="text-xs text-slate-500">J</kbd> →
          </Button>
        ) : null}
        {mayAssignToMe ? <AssignToMe userId={caseData.userId} back={`/admin/cases/${caseData.userId}`} /> : null}
        <CaseKeyboard nextHref={nextHref} previousHref={previousHref} />
      </div>
    </div>
  );
}
