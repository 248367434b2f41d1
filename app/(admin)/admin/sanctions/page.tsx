import type { Metadata } from "next";

import { RescreenForm, UploadSanctionsListForm } from "@/components/admin/sanctions/sanctions-forms";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { currentSanctionsListInfo } from "@/lib/screening/sanctions-list";

export const metadata: Metadata = { title: "Sanctions list" };

export default async function SanctionsPage() {
  await requireStaff("sanctions.manage", "/admin/sanctions");
  const list = await currentSanctionsListInfo(await getDb());
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sanctions list</h1>
        <p className="mt-1 text-slate-600">
          Everyone with a name is screened against the list in force; a score of 0.88 or more sends their screening to the review queue.
        </p>
      </div>
      <section aria-labelledby="in-force" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="in-force" className="font-medium">
          In force
        </h2>
        {list ? (
          <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-600">Version</dt>
              <dd className="font-mono" data-testid="list-version">
                {list.version}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Entries (people)</dt>
              <dd data-testid="list-entries">{list.entryCount.toLocaleString("en")}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Loaded at</dt>
              <dd>{list.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</dd>
            </div>
            <div>
              <dt className="text-slate-600">Source</dt>
              <dd className="break-all">{list.source}</dd>
            </div>
          </dl>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No list is loaded: nobody can be screened until one is uploaded.</p>
        )}
        {list ? (
          <div className="mt-4 border-t border-slate-200 pt-4">
            <RescreenForm />
          </div>
        ) : null}
      </section>
      <section aria-labelledby="upload" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="upload" className="mb-3 font-medium">
          Load a new list
        </h2>
        <UploadSanctionsListForm />
      </section>
    </div>
  );
}
