import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";

import { formatAge, formatTime } from "@/lib/review/age";
import { CaseKeyboard } from "@/components/admin/case-keyboard";
import { AssignForm, AssignToMe } from "@/components/admin/assign-form";
import { CheckResults } from "@/components/admin/check-results";
import { DecisionNotice } from "@/components/admin/decision-notice";
import { DecisionPanel } from "@/components/admin/decision-panel";
import { ImageViewer } from "@/components/admin/image-viewer";
import { ItemValue } from "@/components/admin/item-value";
import { ItemStateBadge } from "@/components/kyc/item-state-badge";
import { can } from "@/lib/auth/roles";
import { loadCheckViews } from "@/lib/checks/case-view";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { ITEM_INFO, isItem, type Item } from "@/lib/items/items";
import { documentPhoto, evidenceItem, fullNameOf, imagesOf, loadCase, noticeSubject, type CaseItem, type ReviewCase } from "@/lib/review/case";
import { adjacentCase, listReviewers } from "@/lib/review/queue";
import { recordStaffAccess } from "@/lib/review/staff-access";
import { clearanceReasonLabel, REJECTION_REASONS, RESUBMISSION_REASON } from "@/lib/review/schemas";

export const metadata: Metadata = { title: "Case" };

type Props = { params: Promise<{ userId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const SIDE_LABELS: Record<string, string> = { front: "front", back: "back", page: "page", selfie: "selfie" };

function reasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  if (reason === RESUBMISSION_REASON) return "Resubmission requested";
  if (reason === "clearance.confirmed") return "Clearance confirmed by a second reviewer";
  const clearance = clearanceReasonLabel(reason);
  if (clearance) return clearance;
  return REJECTION_REASONS[reason as keyof typeof REJECTION_REASONS] ?? reason;
}

function Images({ item, caseData }: { item: CaseItem; caseData: ReviewCase }) {
  const images = Object.entries(imagesOf(item.value));
  const photo = item.item === "liveness" ? documentPhoto(caseData.items) : null;
  if (images.length === 0 && !photo) return null;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {images.map(([side, id]) => (
        <ImageViewer key={id} src={`/admin/documents/${id}`} label={`${ITEM_INFO[item.item].label}, ${SIDE_LABELS[side] ?? side}`} />
      ))}
      {photo ? <ImageViewer src={`/admin/documents/${photo.id}`} label={`Compare with: ${ITEM_INFO[photo.item].label} photo`} /> : null}
    </div>
  );
}

function Evidence({ item, caseData }: { item: CaseItem; caseData: ReviewCase }) {
  if (!["name", "date_of_birth", "nationality", "address"].includes(item.item)) return null;
  const evidence = evidenceItem(item.item, caseData.items);
  if (!evidence) return null;
  const front = imagesOf(evidence.value).front ?? imagesOf(evidence.value).page;
  return (
    <div className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50/50 p-3" data-testid={`evidence-${item.item}`}>
      <h4 className="text-sm font-medium text-emerald-900">Compare with the verified {ITEM_INFO[evidence.item].label}</h4>
      <div className="grid gap-4 sm:grid-cols-2">
        <ItemValue value={evidence.value} />
        {front ? <ImageViewer src={`/admin/documents/${front}`} label={ITEM_INFO[evidence.item].label} /> : null}
      </div>
    </div>
  );
}

function MrzResult({ caseData }: { caseData: ReviewCase }) {
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

function AmlMatches({ caseData }: { caseData: ReviewCase }) {
  const screening = caseData.screening;
  if (!screening) return <p className="text-sm text-slate-600">No screening record found.</p>;
  return (
    <div className="space-y-2" data-testid="aml-matches">
      <p className="text-sm text-slate-600">
        Screened {formatTime(screening.createdAt)} against list <span className="font-mono">{screening.listVersion}</span>: {screening.status}.
      </p>
      {screening.matches.length === 0 ? (
        <p className="text-sm">No possible matches.</p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {screening.matches.map((match, index) => (
            <li key={`${match.entryId ?? index}`} className="rounded-lg border border-red-200 bg-red-50/40 p-3 text-sm" data-testid="aml-match">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium text-slate-900">{match.name}</p>
                <p className="font-mono text-red-900">score {match.score.toFixed(3)}</p>
              </div>
              <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
                <dt className="text-slate-600">Matched on</dt>
                <dd>{match.matchedName ?? "—"}</dd>
                <dt className="text-slate-600">Aliases</dt>
                <dd>{match.aliases?.join("; ") || "—"}</dd>
                <dt className="text-slate-600">Born</dt>
                <dd>{match.birthDates?.join(", ") || "—"}</dd>
                <dt className="text-slate-600">Countries</dt>
                <dd>{match.countries?.join(", ").toUpperCase() || "—"}</dd>
                <dt className="text-slate-600">Programme</dt>
                <dd>{match.programs?.join("; ") || "—"}</dd>
                <dt className="text-slate-600">Score</dt>
                <dd data-testid="score-parts">
                  {match.nameScore !== undefined && match.birthDateFactor !== undefined
                    ? `name ${match.nameScore.toFixed(3)} × birth date ${match.birthDateFactor.toFixed(2)}${match.nameScore * match.birthDateFactor > 1 ? " (capped at 1)" : ""} = ${match.score.toFixed(3)}`
                    : match.score.toFixed(3)}
                </dd>
                <dt className="text-slate-600">Entry</dt>
                <dd className="font-mono text-xs">{match.entryId ?? "—"}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function History({ item }: { item: CaseItem }) {
  if (item.history.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-600 hover:text-slate-900">History ({item.history.length})</summary>
      <ol className="mt-2 space-y-1 border-l border-slate-200 pl-3">
        {item.history.map((entry, index) => (
          <li key={index} className="text-slate-700">
            <span className="font-mono text-xs text-slate-500">{formatTime(entry.at)}</span> · {entry.action} → {entry.state}
            {entry.actor ? ` · ${entry.actor}` : ""}
            {entry.reason ? ` · ${reasonLabel(entry.reason)}` : ""}
            {entry.note ? ` · “${entry.note}”` : ""}
          </li>
        ))}
      </ol>
    </details>
  );
}

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

  const requested = typeof query.item === "string" && isItem(query.item) ? query.item : null;
  const current: Item | null = requested && caseData.pending.includes(requested) ? requested : (caseData.pending[0] ?? null);
  const mayDecide = can(staff.role, "items.decide");
  const done = typeof query.done === "string" ? query.done : undefined;
  const byName = (name: Item) => caseData.items.find((item) => item.item === name)!;
  const ordered = [...caseData.pending.map(byName), ...caseData.waiting.map(byName), ...caseData.items.filter((item) => item.effective !== "pending")];
  const unassigned = caseData.items.some((item) => item.effective === "pending" && !item.assignee);
  const assignedTo = caseData.items.find((item) => item.effective === "pending" && item.assignedTo)?.assignedTo ?? null;
  const personName = fullNameOf(caseData.items);

  return (
    <div className="space-y-6">
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
            {caseData.pending.length === 0 ? "Nothing pending." : `${caseData.pending.length} pending item${caseData.pending.length === 1 ? "" : "s"}.`}
            {caseData.waiting.length > 0 ? ` ${caseData.waiting.length} waiting on the person.` : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {previous ? (
            <Link href={`/admin/cases/${previous}`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100" aria-keyshortcuts="K">
              ← Previous <kbd className="text-xs text-slate-500">K</kbd>
            </Link>
          ) : null}
          {next ? (
            <Link href={`/admin/cases/${next}`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100" aria-keyshortcuts="J" data-testid="next-case">
              Next <kbd className="text-xs text-slate-500">J</kbd> →
            </Link>
          ) : null}
          {mayDecide && unassigned ? (
            <AssignToMe userId={caseData.userId} back={`/admin/cases/${caseData.userId}`} />
          ) : null}
          <CaseKeyboard nextHref={next ? `/admin/cases/${next}` : null} previousHref={previous ? `/admin/cases/${previous}` : null} />
        </div>
      </div>
      <DecisionNotice done={done} subject={subject} />
      {mayDecide && caseData.pending.length + caseData.waiting.length > 0 ? (
        <AssignForm userId={caseData.userId} back={`/admin/cases/${caseData.userId}`} reviewers={reviewers} current={assignedTo} />
      ) : null}

      <div className="space-y-4">
        {ordered.map((item) => {
          const isCurrent = item.item === current;
          const pending = item.effective === "pending";
          return (
            <section
              key={item.item}
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
                      {ITEM_INFO[item.item].label}
                    </Link>
                  ) : (
                    ITEM_INFO[item.item].label
                  )}
                  {isCurrent ? <span className="ml-2 text-xs font-normal text-brand-700">current</span> : null}
                  {caseData.waiting.includes(item.item) ? (
                    <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-700" data-testid="waiting-on-person">
                      waiting on the person
                    </span>
                  ) : null}
                </h2>
                <div className="flex items-center gap-3 text-xs text-slate-600">
                  {item.submittedAt ? <span>submitted {formatAge(item.submittedAt)} ago</span> : null}
                  {pending ? <span>{item.assignee ? `assigned to ${item.assignee}` : "unassigned"}</span> : null}
                  {pending && item.proposedBy ? (
                    <span className="rounded-full bg-amber-100 px-2 py-0.5 font-medium text-amber-900" data-testid="awaiting-second">
                      Awaiting second reviewer
                    </span>
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
                    <Images item={item} caseData={caseData} />
                  </div>
                  {item.item === "passport" ? <MrzResult caseData={caseData} /> : null}
                  {checks.views.get(item.item) ? <CheckResults view={checks.views.get(item.item)!} thresholds={checks.thresholds} /> : null}
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
              <History item={item} />
              {pending && mayDecide ? (
                <DecisionPanel
                  userId={caseData.userId}
                  item={item.item}
                  blocker={item.blocker}
                  proposedByMe={item.proposedBy === staff.id}
                  proposer={item.proposer}
                  proposal={item.proposal ? { reason: reasonLabel(item.proposal.reason), note: item.proposal.note } : null}
                  needsClearance={item.item === "aml" && !item.proposedBy && (caseData.screening?.matches.length ?? 0) > 0}
                />
              ) : null}
            </section>
          );
        })}
        {ordered.length === 0 ? <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">This person has provided no items.</p> : null}
      </div>
    </div>
  );
}
