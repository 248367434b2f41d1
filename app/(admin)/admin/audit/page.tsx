import type { Metadata } from "next";
import Link from "next/link";

import { formatTime } from "@/lib/review/age";
import { VerifyChain } from "@/components/admin/verify-chain";
import { resolveAuditNames, userIdFor } from "@/lib/audit/names";
import { auditFilterSchema, listAuditEntries } from "@/lib/audit/query";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { partners } from "@/lib/db/schema";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function query(values: Record<string, string | number | undefined>): string {
  const entries = Object.entries(values).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== "");
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : "";
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaff("audit.view", "/admin/audit");
  const raw = await searchParams;
  const text = (value: string | string[] | undefined) => (typeof value === "string" ? value.trim().slice(0, 200) : "");
  const person = text(raw.person);
  const staffMember = text(raw.staff);
  const db = await getDb();
  // People and staff are named by email address or OCID here, and looked up to the ids the entries hold.
  const [subjectId, actorId] = await Promise.all([person ? userIdFor(db, person) : null, staffMember ? userIdFor(db, staffMember) : null]);
  const unknown = (person && !subjectId) || (staffMember && !actorId);
  const filter = auditFilterSchema.parse({
    action: raw.action,
    actor: actorId ?? raw.actor,
    subject: subjectId ?? raw.subject,
    partner: raw.partner,
    from: raw.from,
    to: raw.to,
    before: raw.before,
  });
  const [{ entries, nextBefore }, partnerList] = await Promise.all([
    unknown ? Promise.resolve({ entries: [], nextBefore: null }) : listAuditEntries(db, filter),
    db.select({ ocid: partners.ocid, name: partners.name }).from(partners).orderBy(partners.name),
  ]);
  const names = await resolveAuditNames(db, entries);
  const base = {
    action: filter.action,
    ...(person ? { person } : { subject: filter.subject }),
    ...(staffMember ? { staff: staffMember } : { actor: filter.actor }),
    partner: filter.partner,
    from: filter.from,
    to: filter.to,
  };
  const exportBase = { action: filter.action, actor: filter.actor, subject: filter.subject };
  const userLabel = (id: string) => names.users.get(id)?.label ?? `${id.slice(0, 8)}…`;
  const partnerLabel = (ocid: number) => `${names.partners.get(ocid) ?? "unknown partner"} (partner ${ocid})`;
  const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="mt-1 text-slate-600">Every entry carries the hash of the one before it; an edited or deleted row breaks the chain.</p>
        </div>
        <a href={`/admin/audit/export${query(exportBase)}`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100" download>
          Export JSON lines
        </a>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-4">
        <VerifyChain />
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label="Filter the audit log">
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Person (email or OCID)</span>
          <input name="person" defaultValue={person || undefined} placeholder="12350" className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Staff member (email)</span>
          <input name="staff" type="email" defaultValue={staffMember || undefined} placeholder="reviewer@example.com" className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Partner</span>
          <select name="partner" defaultValue={filter.partner ? String(filter.partner) : ""} className={field}>
            <option value="">Any partner</option>
            {partnerList.map((partner) => (
              <option key={partner.ocid} value={partner.ocid}>
                {partner.name} ({partner.ocid})
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">Action</span>
          <input name="action" defaultValue={filter.action} placeholder="item.approved" className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">From</span>
          <input name="from" type="date" defaultValue={filter.from} className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium text-slate-700">To</span>
          <input name="to" type="date" defaultValue={filter.to} className={field} />
        </label>
        {filter.actor && !staffMember ? <input type="hidden" name="actor" value={filter.actor} /> : null}
        {filter.subject && !person ? <input type="hidden" name="subject" value={filter.subject} /> : null}
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
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {unknown ? "No one has that email address or OCID." : "No entries match."}
        </p>
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
                  <td className="px-3 py-2 text-xs" data-testid="audit-actor">
                    {entry.actorId && entry.actorType === "staff" ? (
                      <Link href={`/admin/audit${query({ actor: entry.actorId })}`} className="text-slate-800 hover:underline">
                        {userLabel(entry.actorId)}
                      </Link>
                    ) : entry.actorId && entry.actorType === "partner" ? (
                      partnerLabel(Number(entry.actorId))
                    ) : entry.actorId ? (
                      <Link href={`/admin/audit${query({ actor: entry.actorId })}`} className="text-slate-800 hover:underline">
                        {entry.actorType === "user" ? "the person, " : ""}
                        {userLabel(entry.actorId)}
                      </Link>
                    ) : (
                      entry.actorType
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs" data-testid="audit-subject">
                    {entry.subjectUserId ? (
                      <Link href={`/admin/audit${query({ subject: entry.subjectUserId })}`} className="text-slate-800 hover:underline">
                        {userLabel(entry.subjectUserId)}
                      </Link>
                    ) : null}
                    {entry.partnerOcid ? (
                      <span className="block">
                        <Link href={`/admin/audit${query({ partner: entry.partnerOcid })}`} className="hover:underline">
                          {partnerLabel(entry.partnerOcid)}
                        </Link>
                      </span>
                    ) : null}
                    {!entry.subjectUserId && !entry.partnerOcid ? "—" : null}
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
