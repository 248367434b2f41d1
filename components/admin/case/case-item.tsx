import Link from "next/link";

import { AmlMatches } from "@/components/admin/case/aml-matches";
import { Evidence } from "@/components/admin/case/evidence";
import { ItemHistory } from "@/components/admin/case/item-history";
import { ItemImages } from "@/components/admin/case/item-images";
import { MrzResult } from "@/components/admin/case/mrz-result";
import { CheckResults } from "@/components/admin/check-results";
import { DecisionPanel } from "@/components/admin/decision-panel";
import { ItemValue } from "@/components/admin/item-value";
import { ItemStateBadge } from "@/components/kyc/item-state-badge";
import { Badge } from "@/components/ui/badge";
import type { CheckView } from "@/lib/checks/case-view";
import type { Thresholds } from "@/lib/checks/verdict";
import { ITEM_INFO } from "@/lib/items/items";
import { formatAge } from "@/lib/review/age";
import type { CaseItem, ReviewCase } from "@/lib/review/case";
import { reasonLabel } from "@/lib/review/schemas";

type Props = {
  item: CaseItem;
  caseData: ReviewCase;
  isCurrent: boolean;
  /** The signed-in reviewer, when they may decide. */
  deciderId: string | null;
  checks: { view: CheckView | undefined; thresholds: Thresholds };
};

/**
 * One item of the case. A pending item (or the one asked for) shows everything a decision
 * needs: value, images, MRZ, automated checks, evidence and the decision panel; a decided
 * one shows its value and history.
 */
export function CaseItemSection({ item, caseData, isCurrent, deciderId, checks }: Props) {
  const pending = item.effective === "pending";
  const label = ITEM_INFO[item.item].label;
  return (
    <section
      id={`item-${item.item}`}
      aria-labelledby={`title-${item.item}`}
      data-current={isCurrent ? "true" : undefined}
      data-testid={`case-item-${item.item}`}
      className={`space-y-4 rounded-xl border bg-white p-4 ${isCurrent ? "border-brand-600 ring-2 ring-brand-100" : "border-slate-200"}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`title-${item.item}`} className="font-medium">
          {pending && !isCurrent && caseData.pending.includes(item.item) ? (
            <Link href={`/admin/cases/${caseData.userId}?item=${item.item}`} className="hover:underline">
              {label}
            </Link>
          ) : (
            label
          )}
          {isCurrent ? <span className="ml-2 text-xs font-normal text-brand-700">current</span> : null}
          {caseData.waiting.includes(item.item) ? (
            <Badge className="ml-2 font-normal" data-testid="waiting-on-person">
              waiting on the person
            </Badge>
          ) : null}
        </h2>
        <div className="flex items-center gap-3 text-xs text-slate-600">
          {item.submittedAt ? <span>submitted {formatAge(item.submittedAt)} ago</span> : null}
          {pending ? <span>{item.assignee ? `assigned to ${item.assignee}` : "unassigned"}</span> : null}
          {pending && item.proposedBy ? (
            <Badge tone="warning" data-testid="awaiting-second">
              Awaiting second reviewer
            </Badge>
          ) : null}
          <ItemStateBadge state={item.effective} />
        </div>
      </div>
      {pending || isCurrent ? (
        <>
          <div className={item.item === "aml" ? "grid gap-4" : "grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)] lg:has-[[data-wide]]:grid-cols-1"}>
            <div className="space-y-3">
              <ItemValue value={item.value} />
              {item.item === "aml" ? <AmlMatches caseData={caseData} /> : null}
            </div>
            <ItemImages item={item} caseData={caseData} />
          </div>
          {item.item === "passport" ? <MrzResult caseData={caseData} /> : null}
          {checks.view ? <CheckResults view={checks.view} thresholds={checks.thresholds} /> : null}
          <Evidence item={item} caseData={caseData} />
        </>
      ) : (
        <ItemValue value={item.value} />
      )}
      {item.effective === "rejected" ? (
        <p className="text-sm text-slate-700">
          {reasonLabel(item.rejectionReason)}
          {item.noteToUser ? ` · note to the person: “${item.noteToUser}”` : ""}
          {item.internalNote ? ` · internal: “${item.internalNote}”` : ""}
        </p>
      ) : null}
      <ItemHistory item={item} />
      {pending && deciderId ? (
        <DecisionPanel
          userId={caseData.userId}
          item={item.item}
          blocker={item.blocker}
          proposedByMe={item.proposedBy === deciderId}
          proposer={item.proposer}
          proposal={item.proposal ? { reason: reasonLabel(item.proposal.reason), note: item.proposal.note } : null}
          needsClearance={item.item === "aml" && !item.proposedBy && (caseData.screening?.matches.length ?? 0) > 0}
        />
      ) : null}
    </section>
  );
}
