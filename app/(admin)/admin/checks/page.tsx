import type { Metadata } from "next";

import { ChecksPolicyForm } from "@/components/admin/checks/policy-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { getChecksPolicy } from "@/lib/checks/policy";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Automated checks" };

export default async function ChecksPolicyPage() {
  await requireStaff("checks.manage", "/admin/checks");
  const policy = await getChecksPolicy(await getDb());
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Automated checks"
        description="Every uploaded identity document and selfie is checked by open models on this server: image quality, the MRZ, exactly one face, the face match, antispoof and liveness."
      >
        {getEnv().checks ? null : (
          <p role="status" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The checks are off on this server (CHECKS=off): every item goes to reviewers, whatever this policy says.
          </p>
        )}
      </PageHeader>
      <Card aria-label="Decisions policy">
        <ChecksPolicyForm policy={policy} />
      </Card>
    </div>
  );
}
