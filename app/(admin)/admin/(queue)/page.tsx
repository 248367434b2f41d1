import type { Metadata } from "next";
import Link from "next/link";

import { DecisionNotice } from "@/components/admin/decision-notice";
import { QueueCaseRow } from "@/components/admin/queue-case";
import { ReviewDashboardPanel } from "@/components/admin/review-dashboard";
import { FailingEndpoints } from "@/components/admin/webhooks/failing-endpoints";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { compactInputClass, Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { listFailingEndpoints } from "@/lib/events/endpoints";
import { ITEM_INFO, ITEMS, isItem } from "@/lib/items/items";
import { noticeSubject } from "@/lib/review/case";
import { loadReviewDashboard } from "@/lib/review/dashboard";
import { listQueue } from "@/lib/review/queue";
import { QUEUE_AGES, queueFilterSchema } from "@/lib/review/schemas";

export const metadata: Metadata = { title: "Review queue" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function queryOf(values: Record<string, string | undefined>): string {
  const entries = Object.entries(values).filter((entry): entry is [string, string] => !!entry[1] && entry[1] !== "any" && entry[1] !== "anyone");
  return entries.length ? `?${new URLSearchParams(entries)}` : "";
}

export default async function QueuePage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff("console.view");
  const raw = await searchParams;
  const filter = queueFilterSchema.parse({ item: raw.item, assignee: raw.assignee, age: raw.age, stage: raw.stage, after: raw.after });
  const done = typeof raw.done === "string" ? raw.done : undefined;
  const db = await getDb();
  const now = new Date();
  const of = typeof raw.of === "string" && /^[0-9a-f-]{36}$/.test(raw.of) ? raw.of : null;
  const on = typeof raw.on === "string" && isItem(raw.on) ? raw.on : null;
  const slaHours = getEnv().reviewSlaHours;
  const [page, subject, dashboard, failing] = await Promise.all([
    listQueue(db, filter, staff.id, now),
    of && on ? noticeSubject(db, of, on) : Promise.resolve(null),
    filter.after ? Promise.resolve(null) : loadReviewDashboard(db, slaHours, now),
    can(staff.role, "webhooks.manage") ? listFailingEndpoints(db) : Promise.resolve([]),
  ]);
  const mayDecide = can(staff.role, "items.decide");
  const base = { item: filter.item, assignee: filter.assignee, age: filter.age, stage: filter.stage === "all" ? undefined : filter.stage };
  const here = `/admin${queryOf({ ...base, after: filter.after })}`;

  return (
    <div className="space-y-6">
      <PageHeader title="Compliance console" description={`Signed in as ${staff.email} (${staff.role}).`} />
      <FailingEndpoints endpoints={failing} />
      <DecisionNotice done={done} subject={subject} />
      {dashboard ? <ReviewDashboardPanel data={dashboard} /> : null}
      <div>
        <h2 className="text-lg font-semibold">Review queue</h2>
        <p className="text-sm text-slate-600">
          Pending items grouped per person: possible sanctions matches first, then overdue cases before the rest (review within {slaHours} h), each with concerns from the automated checks first, then the longest waiting.
        </p>
        <p className="mt-1 text-sm font-medium text-slate-800" data-testid="queue-counts">
          {page.counts.people} {page.counts.people === 1 ? "person" : "people"} · {page.counts.items} pending item{page.counts.items === 1 ? "" : "s"} · {page.counts.waitingPeople} waiting on the person
        </p>
      </div>

      <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label="Filter the queue">
        <Field id="queue-item" label="Item type" className="grid gap-1">
          {(control) => (
            <select {...control} name="item" defaultValue={filter.item ?? ""} className={compactInputClass}>
              <option value="">All items</option>
              {ITEMS.map((item) => (
                <option key={item} value={item}>
                  {ITEM_INFO[item].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="queue-assignee" label="Assignee" className="grid gap-1">
          {(control) => (
            <select {...control} name="assignee" defaultValue={filter.assignee} className={compactInputClass}>
              <option value="anyone">Anyone</option>
              <option value="me">Me</option>
              <option value="unassigned">Unassigned</option>
            </select>
          )}
        </Field>
        <Field id="queue-age" label="Age" className="grid gap-1">
          {(control) => (
            <select {...control} name="age" defaultValue={filter.age} className={compactInputClass}>
              {Object.entries(QUEUE_AGES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="queue-stage" label="Stage" className="grid gap-1">
          {(control) => (
            <select {...control} name="stage" defaultValue={filter.stage} className={compactInputClass}>
              <option value="all">All pending</option>
              <option value="awaiting_second">Awaiting second reviewer</option>
            </select>
          )}
        </Field>
        <Button type="submit" size="sm">
          Apply
        </Button>
        {queryOf(base) ? (
          <Link href="/admin" className="px-2 py-1.5 text-sm text-slate-600 underline hover:text-slate-900">
            Clear filters
          </Link>
        ) : null}
      </form>

      {page.risk.length > 0 ? (
        <section aria-labelledby="risk-heading" className="space-y-2">
          <h2 id="risk-heading" className="font-semibold text-red-900">
            Possible sanctions matches ({page.risk.length})
          </h2>
          <ol className="divide-y divide-slate-200 rounded-xl border border-red-200 bg-white" aria-label="Sanctions matches">
            {page.risk.map((entry) => (
              <QueueCaseRow key={entry.userId} entry={entry} slaHours={slaHours} now={now} mayDecide={mayDecide} back={here} />
            ))}
          </ol>
        </section>
      ) : null}

      {page.cases.length === 0 && page.risk.length === 0 ? (
        <EmptyState data-testid="queue-empty">
          <h2 className="text-base font-medium text-slate-900">{filter.after ? "No more cases" : "Nothing waiting for review"}</h2>
          <p className="mt-1">{queryOf(base) ? "No pending item matches these filters." : "Every submitted item has been decided."}</p>
        </EmptyState>
      ) : page.cases.length > 0 ? (
        <section aria-labelledby="routine-heading" className="space-y-2">
          {page.risk.length > 0 ? (
            <h2 id="routine-heading" className="font-semibold">
              Other cases
            </h2>
          ) : (
            <h2 id="routine-heading" className="sr-only">
              Cases
            </h2>
          )}
          <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Cases">
            {page.cases.map((entry) => (
              <QueueCaseRow key={entry.userId} entry={entry} slaHours={slaHours} now={now} mayDecide={mayDecide} back={here} />
            ))}
          </ol>
        </section>
      ) : null}

      <nav aria-label="Queue pages" className="flex justify-between text-sm">
        {filter.after ? (
          <Link href={`/admin${queryOf(base)}`} className="text-brand-700 underline">
            Back to the start
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <Link href={`/admin${queryOf({ ...base, after: page.nextCursor })}`} className="font-medium text-brand-700 underline">
            Next cases
          </Link>
        ) : null}
      </nav>

      {page.waiting.length > 0 ? (
        <section aria-labelledby="waiting-heading" className="space-y-2">
          <h2 id="waiting-heading" className="font-semibold">
            Waiting on the person ({page.counts.waitingPeople})
          </h2>
          <p className="text-sm text-slate-600">Items that cannot be decided until the person sends what was asked for, such as a new proof of address.</p>
          <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Waiting on the person">
            {page.waiting.map((entry) => (
              <QueueCaseRow key={entry.userId} entry={entry} slaHours={slaHours} now={now} mayDecide={mayDecide} back={here} waiting />
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
