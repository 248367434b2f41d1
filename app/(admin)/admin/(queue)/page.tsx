import type { Metadata } from "next";
import Link from "next/link";

import { formatAge } from "@/components/admin/age";
import { DecisionNotice } from "@/components/admin/decision-notice";
import { assignToMeAction } from "@/app/(admin)/admin/review-actions";
import { can } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { ITEM_INFO, ITEMS } from "@/lib/kyc/items";
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
  const filter = queueFilterSchema.parse({ item: raw.item, assignee: raw.assignee, age: raw.age, after: raw.after });
  const done = typeof raw.done === "string" ? raw.done : undefined;
  const page = await listQueue(await getDb(), filter, staff.id);
  const mayDecide = can(staff.role, "items.decide");
  const base = { item: filter.item, assignee: filter.assignee, age: filter.age };
  const here = `/admin${queryOf({ ...base, after: filter.after })}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Compliance console</h1>
        <p className="mt-1 text-slate-600">
          Signed in as {staff.email} ({staff.role}).
        </p>
      </div>
      <div>
        <h2 className="text-lg font-semibold">Review queue</h2>
        <p className="text-sm text-slate-600">Pending items grouped per person, longest waiting first.</p>
      </div>
      <DecisionNotice done={done} />

      <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label="Filter the queue">
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Item type</span>
          <select name="item" defaultValue={filter.item ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">All items</option>
            {ITEMS.map((item) => (
              <option key={item} value={item}>
                {ITEM_INFO[item].label}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Assignee</span>
          <select name="assignee" defaultValue={filter.assignee} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="anyone">Anyone</option>
            <option value="me">Me</option>
            <option value="unassigned">Unassigned</option>
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Age</span>
          <select name="age" defaultValue={filter.age} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            {Object.entries(QUEUE_AGES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        {queryOf(base) ? (
          <Link href="/admin" className="px-2 py-1.5 text-sm text-slate-600 underline hover:text-slate-900">
            Clear filters
          </Link>
        ) : null}
      </form>

      {page.cases.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="queue-empty">
          <h2 className="font-medium">{filter.after ? "No more cases" : "Nothing waiting for review"}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {queryOf(base) ? "No pending item matches these filters." : "Every submitted item has been decided."}
          </p>
        </div>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Cases">
          {page.cases.map((entry) => {
            const unassigned = entry.items.some((item) => !item.assignedTo);
            return (
              <li key={entry.userId} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid="queue-case" data-user-id={entry.userId}>
                <div className="min-w-0 space-y-2">
                  <div className="flex flex-wrap items-baseline gap-x-3">
                    <Link href={`/admin/cases/${entry.userId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      OCID {entry.ocid}
                    </Link>
                    <span className="text-sm text-slate-600">waiting {formatAge(entry.oldestAt)}</span>
                  </div>
                  <ul className="flex flex-wrap gap-2" aria-label="Pending items">
                    {entry.items.map((item) => (
                      <li key={item.id} className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700" data-item={item.item}>
                        <span className="font-medium">{ITEM_INFO[item.item].label}</span> · {formatAge(item.submittedAt)} ·{" "}
                        {item.assigneeEmail ?? "unassigned"}
                        {item.proposed ? <span className="ml-1 font-medium text-amber-800">· awaits second reviewer</span> : null}
                      </li>
                    ))}
                  </ul>
                </div>
                <div className="flex shrink-0 gap-2">
                  {mayDecide && unassigned ? (
                    <form action={assignToMeAction}>
                      <input type="hidden" name="userId" value={entry.userId} />
                      <input type="hidden" name="back" value={here} />
                      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
                        Assign to me
                      </button>
                    </form>
                  ) : null}
                  <Link href={`/admin/cases/${entry.userId}`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                    Open case
                  </Link>
                </div>
              </li>
            );
          })}
        </ol>
      )}

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
    </div>
  );
}
