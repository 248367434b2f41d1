import type { Metadata } from "next";
import Link from "next/link";

import { ConsistencyCheck, VerifyLog } from "@/components/admin/verify-log";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { compactInputClass, Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { formatTime } from "@/lib/review/age";
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

  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="A transparency log: every entry is a leaf of a Merkle tree whose heads the provider signs; an edited, moved or deleted entry no longer matches them."
        actions={
          <>
            {/* Plain links, not client navigation: they download files. */}
            <a href="/admin/audit/head" className={buttonClass({ variant: "secondary", size: "sm" })} download>
              Download tree head
            </a>
            <a href={`/admin/audit/export${query(exportBase)}`} className={buttonClass({ variant: "secondary", size: "sm" })} download>
              Export JSON lines
            </a>
          </>
        }
      />
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {/* min-w-0: a long proof or message wraps or scrolls inside its card instead of widening the page. */}
        <Card className="min-w-0">
          <VerifyLog />
        </Card>
        <Card className="min-w-0">
          <ConsistencyCheck />
        </Card>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label="Filter the audit log">
        <Field id="audit-person" label="Person (email or OCID)" className="grid gap-1">
          {(control) => <input {...control} name="person" defaultValue={person || undefined} placeholder="12350" className={compactInputClass} />}
        </Field>
        <Field id="audit-staff" label="Staff member (email)" className="grid gap-1">
          {(control) => <input {...control} name="staff" type="email" defaultValue={staffMember || undefined} placeholder="reviewer@example.com" className={compactInputClass} />}
        </Field>
        <Field id="audit-partner" label="Partner" className="grid gap-1">
          {(control) => (
            <select {...control} name="partner" defaultValue={filter.partner ? String(filter.partner) : ""} className={compactInputClass}>
              <option value="">Any partner</option>
              {partnerList.map((partner) => (
                <option key={partner.ocid} value={partner.ocid}>
                  {partner.name} ({partner.ocid})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-action" label="Action" className="grid gap-1">
          {(control) => <input {...control} name="action" defaultValue={filter.action} placeholder="item.approved" className={compactInputClass} />}
        </Field>
        <Field id="audit-from" label="From" className="grid gap-1">
          {(control) => <input {...control} name="from" type="date" defaultValue={filter.from} className={compactInputClass} />}
        </Field>
        <Field id="audit-to" label="To" className="grid gap-1">
          {(control) => <input {...control} name="to" type="date" defaultValue={filter.to} className={compactInputClass} />}
        </Field>
        {filter.actor && !staffMember ? <input type="hidden" name="actor" value={filter.actor} /> : null}
        {filter.subject && !person ? <input type="hidden" name="subject" value={filter.subject} /> : null}
        <Button type="submit" size="sm">
          Apply
        </Button>
        {query(base) ? (
          <Link href="/admin/audit" className="px-2 py-1.5 text-sm text-slate-600 underline">
            Clear filters
          </Link>
        ) : null}
      </form>

      {entries.length === 0 ? (
        <EmptyState>{unknown ? "No one has that email address or OCID." : "No entries match."}</EmptyState>
      ) : (
        <Table columns={[{ label: "#" }, { label: "Time" }, { label: "Action" }, { label: "Actor" }, { label: "Subject" }, { label: "Details" }]}>
          {entries.map((entry) => (
            <tr key={entry.id} id={`entry-${entry.id}`} className="target:bg-amber-50" data-testid="audit-entry">
              <Cell mono>
                <Link href={`/admin/audit/${entry.id}`} className="text-brand-700 underline-offset-2 hover:underline" aria-label={`Entry ${entry.id} and its inclusion proof`}>
                  {entry.id}
                </Link>
              </Cell>
              <Cell mono className="whitespace-nowrap">{formatTime(entry.createdAt)}</Cell>
              <Cell className="font-medium">
                <Link href={`/admin/audit${query({ action: entry.action })}`} className="hover:underline">
                  {entry.action}
                </Link>
              </Cell>
              <Cell className="text-xs" data-testid="audit-actor">
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
              </Cell>
              <Cell className="text-xs" data-testid="audit-subject">
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
              </Cell>
              <Cell mono className="max-w-xs break-all text-slate-600">{JSON.stringify(entry.details)}</Cell>
            </tr>
          ))}
        </Table>
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
