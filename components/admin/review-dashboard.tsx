import { ITEM_INFO } from "@/lib/items/items";
import type { ReviewDashboard } from "@/lib/review/dashboard";

function hours(value: number | null): string {
  if (value === null) return "—";
  return value < 1 ? `${Math.round(value * 60)} min` : value < 48 ? `${value.toFixed(1)} h` : `${(value / 24).toFixed(1)} d`;
}

const cell = "px-3 py-1.5 text-right tabular-nums";

/** The console home's overview: pending work by type and age, overdue items, today's decisions and decision speed. */
export function ReviewDashboardPanel({ data }: { data: ReviewDashboard }) {
  const totalPending = data.pending.reduce((sum, row) => sum + row.total, 0);
  return (
    <section aria-labelledby="dashboard-heading" className="space-y-3" data-testid="dashboard">
      <h2 id="dashboard-heading" className="text-lg font-semibold">
        Dashboard
      </h2>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4 [&>div]:min-w-0">
        <div className="rounded-xl border border-slate-200 bg-white p-3">
          <dt className="text-sm text-slate-600">Pending items</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="dashboard-pending">
            {totalPending}
          </dd>
        </div>
        <div className={`rounded-xl border bg-white p-3 ${data.overdue > 0 ? "border-red-300" : "border-slate-200"}`}>
          <dt className="text-sm text-slate-600">Overdue (over {data.slaHours} h)</dt>
          <dd className={`text-2xl font-semibold tabular-nums ${data.overdue > 0 ? "text-red-800" : ""}`} data-testid="dashboard-overdue">
            {data.overdue}
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-3">
          <dt className="text-sm text-slate-600">Median time to decision, 7 days</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="dashboard-median">
            {hours(data.medianHours)}
          </dd>
          <dd className="text-xs text-slate-600">
            {data.decisionsLastWeek} decision{data.decisionsLastWeek === 1 ? "" : "s"}
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-3">
          <dt className="text-sm text-slate-600">Decisions today (UTC)</dt>
          <dd className="text-2xl font-semibold tabular-nums">{data.decisionsToday.reduce((sum, row) => sum + row.decisions, 0)}</dd>
        </div>
      </dl>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="px-3 pt-2 text-left font-medium">Pending by type and age</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-1.5 text-left font-medium">
                  Item
                </th>
                <th scope="col" className={`${cell} font-medium`}>
                  &lt; 1 d
                </th>
                <th scope="col" className={`${cell} font-medium`}>
                  1–3 d
                </th>
                <th scope="col" className={`${cell} font-medium`}>
                  &gt; 3 d
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.pending.length === 0 ? (
                <tr>
                  <td colSpan={4} className="px-3 py-2 text-slate-600">
                    Nothing pending.
                  </td>
                </tr>
              ) : (
                data.pending.map((row) => (
                  <tr key={row.item} data-testid={`dashboard-row-${row.item}`}>
                    <th scope="row" className="px-3 py-1.5 text-left font-normal">
                      {ITEM_INFO[row.item].label}
                    </th>
                    <td className={cell}>{row.underDay}</td>
                    <td className={cell}>{row.oneToThreeDays}</td>
                    <td className={cell}>{row.overThreeDays}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <div className="min-w-0 rounded-xl border border-slate-200 bg-white p-3 text-sm">
          <h3 className="font-medium">Decisions per reviewer today</h3>
          {data.decisionsToday.length === 0 ? (
            <p className="mt-1 text-slate-600">No decisions yet today.</p>
          ) : (
            <ul className="mt-1 space-y-1" data-testid="dashboard-reviewers">
              {data.decisionsToday.map((row) => (
                <li key={row.reviewer} className="flex justify-between gap-3">
                  <span className="min-w-0 truncate">{row.reviewer}</span>
                  <span className="tabular-nums">{row.decisions}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
