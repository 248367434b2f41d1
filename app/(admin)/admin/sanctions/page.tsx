import type { Metadata } from "next";

import { RescreenForm, UploadSanctionsListForm } from "@/components/admin/sanctions/sanctions-forms";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { currentSanctionsListInfo } from "@/lib/screening/sanctions-list";

export const metadata: Metadata = { title: "Sanctions list" };

export default async function SanctionsPage() {
  await requireStaff("sanctions.manage", "/admin/sanctions");
  const list = await currentSanctionsListInfo(await getDb());
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Sanctions list"
        description="Everyone with a name is screened against the list in force; a score of 0.88 or more sends their screening to the review queue."
      />
      <Card title="In force">
        {list ? (
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
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
          <p className="text-sm text-slate-600">No list is loaded: nobody can be screened until one is uploaded.</p>
        )}
        {list ? (
          <div className="mt-4 border-t border-slate-200 pt-4">
            <RescreenForm />
          </div>
        ) : null}
      </Card>
      <Card title="Load a new list">
        <UploadSanctionsListForm />
      </Card>
    </div>
  );
}
