const NOTICES: Record<string, string> = {
  approve: "Approved.",
  reject: "Rejected; the person sees your note.",
  resubmit: "Resubmission requested; the person sees your note.",
  proposed: "Approval proposed: a second, different reviewer must confirm it.",
};

export function DecisionNotice({ done }: { done: string | undefined }) {
  const text = done ? NOTICES[done] : undefined;
  if (!text) return null;
  return (
    <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900" data-testid="decision-notice">
      {text}
    </p>
  );
}
