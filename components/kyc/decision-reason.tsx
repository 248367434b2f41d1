import { useTranslations } from "next-intl";

import { reasonForPerson, RESUBMISSION_REASON } from "@/lib/review/schemas";

/**
 * Why a reviewer sent an item back, as the person reads it: the reason chosen, how to fix
 * it, and the reviewer's note when there is one. Never the internal note.
 */
export function DecisionReason({ reason, note }: { reason: string | null; note: string | null }) {
  const t = useTranslations("account");
  const reasons = useTranslations("reasons");
  const explained = reasonForPerson(reason);
  const asked = reason === RESUBMISSION_REASON;
  return (
    <div className={`space-y-1 text-sm ${asked ? "text-amber-900" : "text-red-800"}`} data-testid="decision-reason">
      <p>
        <span className="font-medium">{asked ? t("actionNeeded") : t("reason")}:</span> {explained ? reasons(`${explained.code}.label`) : t("notAccepted")}
      </p>
      <p>{explained ? reasons(`${explained.code}.hint`) : t("provideAgainHint")}</p>
      {note ? (
        <p>
          <span className="font-medium">{t("reviewerNote")}</span> {note}
        </p>
      ) : null}
    </div>
  );
}
