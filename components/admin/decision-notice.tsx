const NOTICES: Record<string, string> = {
  approve: "Approved.",
  reject: "Rejected; the person sees your note.",
  resubmit: "Resubmission requested; the person sees your note.",
  proposed: "Approval proposed: a second, different reviewer must confirm it.",
};

/** Who and what a decision was about, so a notice shown on the next case names the case it concerns. */
export type NoticeSubject = { userId: string; ocid: number; name: string | null; item: string };

export function DecisionNotice({ done, subject }: { done: string | undefined; subject?: NoticeSubject | null }) {
  const text = done ? NOTICES[done] : undefined;
  if (!text) return null;
  return (
    <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900" data-testid="decision-notice">
      {subject ? (
        <span className="font-medium" data-testid="decision-subject">
          {subject.item} of{" "}
          <a href={`/admin/cases/${subject.userId}`} className="underline">
            {subject.name ? `${subject.name} (OCID ${subject.ocid})` : `OCID ${subject.ocid}`}
          </a>
          :{" "}
        </span>
      ) : null}
      {text}
    </p>
  );
}
