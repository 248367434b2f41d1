import { AssignToMe } from "@/components/admin/assign-form";
import { CaseKeyboard } from "@/components/admin/case-keyboard";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
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
    <PageHeader
      title={`Case · OCID ${caseData.ocid}`}
      back={{ href: "/admin", label: "Review queue" }}
      actions={
        <>
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
        </>
      }
    >
      {personName ? (
        <p className="text-lg text-slate-800" data-testid="person-name">
          {personName}
        </p>
      ) : null}
      <p className="mt-1 text-slate-600" data-testid="pending-count">
        {pending === 0 ? "Nothing pending." : `${pending} pending item${pending === 1 ? "" : "s"}.`}
        {caseData.waiting.length > 0 ? ` ${caseData.waiting.length} waiting on the person.` : ""}
      </p>
    </PageHeader>
  );
}
