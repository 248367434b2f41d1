import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";

import { AssignForm } from "@/components/admin/assign-form";
import { CaseHeader } from "@/components/admin/case/case-header";
import { CaseItemSection } from "@/components/admin/case/case-item";
import { DecisionNotice } from "@/components/admin/decision-notice";
import { EmptyState } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { loadCheckViews } from "@/lib/checks/case-view";
import { getDb } from "@/lib/db/client";
import { isItem } from "@/lib/items/items";
import { arrangeCase, fullNameOf, loadCase, noticeSubject } from "@/lib/review/case";
import { adjacentCase, listReviewers } from "@/lib/review/queue";
import { recordStaffAccess } from "@/lib/review/staff-access";

export const metadata: Metadata = { title: "Case" };

type Props = { params: Promise<{ userId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CasePage({ params, searchParams }: Props) {
  const staff = await requireStaff("console.view");
  const id = z.uuid().safeParse((await params).userId);
  if (!id.success) notFound();
  const query = await searchParams;
  const db = await getDb();
  const caseData = await loadCase(db, id.data);
  if (!caseData) notFound();
  await recordStaffAccess(db, staff.id, { what: "case", subjectUserId: id.data });
  const of = z.uuid().safeParse(query.of);
  const on = typeof query.on === "string" && isItem(query.on) ? query.on : null;
  const [next, previous, reviewers, subject, checks] = await Promise.all([
    adjacentCase(db, id.data, "next"),
    adjacentCase(db, id.data, "previous"),
    listReviewers(db),
    of.success && on ? noticeSubject(db, of.data, on) : Promise.resolve(null),
    loadCheckViews(db, id.data),
  ]);
  const { ordered, current, unassigned, assignedTo } = arrangeCase(caseData, typeof query.item === "string" && isItem(query.item) ? query.item : null);
  const mayDecide = can(staff.role, "items.decide");
  const back = `/admin/cases/${caseData.userId}`;

  return (
    <div className="space-y-6">
      <CaseHeader caseData={caseData} personName={fullNameOf(caseData.items)} previous={previous} next={next} mayAssignToMe={mayDecide && unassigned} />
      <DecisionNotice done={typeof query.done === "string" ? query.done : undefined} subject={subject} />
      {mayDecide && caseData.pending.length + caseData.waiting.length > 0 ? (
        <AssignForm userId={caseData.userId} back={back} reviewers={reviewers} current={assignedTo} />
      ) : null}
      <div className="space-y-4">
        {ordered.map((item) => (
          <CaseItemSection
            key={item.item}
            item={item}
            caseData={caseData}
            isCurrent={item.item === current}
            deciderId={mayDecide ? staff.id : null}
            checks={{ view: checks.views.get(item.item), thresholds: checks.thresholds }}
          />
        ))}
        {ordered.length === 0 ? <EmptyState>This person has provided no items.</EmptyState> : null}
      </div>
    </div>
  );
}
