import type { Metadata } from "next";
import Link from "next/link";

import { formatTime } from "@/components/admin/age";
import { VerifyChain } from "@/components/admin/verify-chain";
import { auditFilterSchema, listAuditEntries } from "@/lib/audit/query";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function query(values: Record<string, string | number | undefined>): string {
  const entries = Object.entries(values).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== "");
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : "";
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaff("audit.view", "/admin/audit");
  const raw = await searchParams;
  const filter = auditFilterSchema.parse({ action: raw.action, actor: raw.actor, subject: raw.subject, before: raw.before });
  const { entries, nextBefore } = await listAuditEntries(await getDb(), filter);
  const base = { action: filter.action, actor: filter.actor, subject: filter.subject };
  const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="mt-1 text-slate-600">Every entry carries the hash of the one before it; an edited or deleted row breaks the chain.</p>
        </div>
        <a href={`/admin/audit/export${query(base)}`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100" download>
          Export JSON lines
        </a>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        <VerifyChain />
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label="Filter the audit log">
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Action</span>
          <input name="action" defaultValue={filter.action} placeholder="item.approved" className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Actor id</span>
          <input name="actor" defaultValue={filter.actor} className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Subject user id</span>
          <input name="subject" defaultValue={filter.subject} className={field} />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        {query(base) ? (
          <Link href="/admin/audit" className="px-2 py-1.5 text-sm text-slate-600 underline">
            Clear filters
          </Link>
        ) : null}
      </form>

      {entries.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No entries match.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">#</th>
                <th className="px-3 py-2 font-medium">Time</th>
                <th className="px-3 py-2 font-medium">Action</th>
                <th className="px-3 py-2 font-medium">Actor</th>
                <th className="px-3 py-2 font-medium">Subject</th>
                <th className="px-3 py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} id={`entry-${entry.id}`} className="border-t border-slate-100 align-top target:bg-amber-50" data-testid="audit-entry">
                  <td className="px-3 py-2 font-mono text-xs">{entry.id}</td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{formatTime(entry.createdAt)}</td>
                  <td className="px-3 py-2 font-medium">
                    <Link href={`/admin/audit${query({ action: entry.action })}`} className="hover:underline">
                      {entry.action}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {entry.actorType}
                    {entry.actorId ? (
                      <Link href={`/admin/audit${query({ actor: entry.actorId })}`} className="block font-mono text-slate-600 hover:underline">
                        {entry.actorId.slice(0, 8)}
                      </Link>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {entry.subjectUserId ? (
                      <Link href={`/admin/audit${query({ subject: entry.subjectUserId })}`} className="font-mono text-slate-600 hover:underline">
                        {entry.subjectUserId.slice(0, 8)}
                      </Link>
                    ) : entry.partnerOcid ? (
                      `partner ${entry.partnerOcid}`
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="max-w-xs break-all px-3 py-2 font-mono text-xs text-slate-600">{JSON.stringify(entry.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore ? (
        <div className="flex justify-end">
          <Link href={`/admin/audit${query({ ...base, before: nextBefore })}`} className="text-sm font-medium text-brand-700 underline">
            Older entries
          </Link>
        </div>
      ) : null}
    </div>
  );
}
