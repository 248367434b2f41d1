import type { Metadata } from "next";

import { ChecksPolicyForm } from "@/components/admin/checks/policy-form";
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
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Automated checks</h1>
        <p className="mt-1 text-slate-600">
          Every uploaded identity document and selfie is checked by open models on this server: image quality, the MRZ, exactly one face, the face match, antispoof and liveness.
        </p>
        {getEnv().checks ? null : (
          <p role="status" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            The checks are off on this server (CHECKS=off): every item goes to reviewers, whatever this policy says.
          </p>
        )}
      </div>
      <section aria-label="Decisions policy" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        <ChecksPolicyForm policy={policy} />
      </section>
    </div>
  );
}
