import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";

import { formatTime } from "@/lib/review/age";
import { leafData } from "@/lib/audit/log";
import { getAuditEntry } from "@/lib/audit/query";
import { proveInclusion } from "@/lib/transparency/tree";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit entry" };

type Props = { params: Promise<{ id: string }> };

const entryId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** One entry with its inclusion proof against the latest signed tree head. */
export default async function AuditEntryPage({ params }: Props) {
  const { id: raw } = await params;
  await requireStaff("audit.view", `/admin/audit/${encodeURIComponent(raw)}`);
  const id = entryId.safeParse(raw);
  if (!id.success) notFound();
  const db = await getDb();
  const entry = await getAuditEntry(db, id.data);
  if (!entry) notFound();
  const inclusion = await proveInclusion(db, entry);
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="break-all font-mono text-xs">{value}</dd>
    </div>
  );

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/admin/audit?before=${entry.id + 1}#entry-${entry.id}`} className="text-sm text-slate-600 underline">
          Back to the log
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Audit entry #{entry.id}</h1>
        <p className="mt-1 text-slate-600">
          {entry.action} · {formatTime(entry.createdAt)}
        </p>
      </div>
      <section className="rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="leaf-heading">
        <h2 id="leaf-heading" className="mb-3 font-semibold">
          The entry as its leaf holds it
        </h2>
        <pre className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs" data-testid="leaf-data">
          {leafData(entry)}
        </pre>
        <p className="mt-2 text-sm text-slate-600">Leaf hash = SHA-256(0x00 ‖ these bytes), the RFC 8785 canonical JSON of the entry.</p>
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="proof-heading">
        <h2 id="proof-heading" className="mb-3 font-semibold">
          Inclusion proof
        </h2>
        {inclusion ? (
          <div className="space-y-3 text-sm">
            <p role="status" data-testid="inclusion-result" data-ok={inclusion.verified} className={inclusion.verified ? "text-emerald-800" : "font-medium text-red-800"}>
              {inclusion.verified
                ? `Included: leaf ${inclusion.leafIndex} of the tree head of ${inclusion.head.size.toLocaleString("en")} entries, whose signature is valid.`
                : `Not proven: this entry does not match leaf ${inclusion.leafIndex} of the signed tree, or the head's signature is invalid.`}
            </p>
            <dl className="space-y-2">
              {row("Leaf index", inclusion.leafIndex)}
              {row("Leaf hash", inclusion.leafHash)}
              {row("Tree size", inclusion.head.size)}
              {row("Root hash", inclusion.head.rootHash)}
              {row("Signed", formatTime(new Date(inclusion.head.timestamp)))}
              {row(
                "Audit path",
                inclusion.proof.length ? (
                  <ol className="list-decimal space-y-0.5 pl-5">
                    {inclusion.proof.map((hash) => (
                      <li key={hash}>{hash}</li>
                    ))}
                  </ol>
                ) : (
                  "(none: the tree has one leaf)"
                ),
              )}
            </dl>
            <details>
              <summary className="cursor-pointer text-slate-700">As JSON, for an auditor&apos;s own verifier</summary>
              <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs">{JSON.stringify(inclusion, null, 2)}</pre>
            </details>
          </div>
        ) : (
          <p role="status" className="text-sm text-slate-600">
            Not in a signed tree head yet: the sequencer adds committed entries within about a second. Reload to see its proof.
          </p>
        )}
      </section>
    </div>
  );
}
