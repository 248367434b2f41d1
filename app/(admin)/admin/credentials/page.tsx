import type { Metadata } from "next";

import { cell, dateTime, headCell, tableClass } from "@/components/admin/accounts/table-bits";
import { RevokeCredentialForm } from "@/components/credentials/revoke-credential-form";
import { CredentialStatusBadge } from "@/components/credentials/credential-status-badge";
import { revokeCredentialAction } from "@/app/(admin)/admin/credentials/actions";
import { requireStaff } from "@/lib/auth/session";
import { listCredentialsForStaff } from "@/lib/credentials/manage";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Credentials" };

export default async function CredentialsAdminPage() {
  await requireStaff("credentials.revoke", "/admin/credentials");
  const credentials = await listCredentialsForStaff(await getDb());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Credentials</h1>
        <p className="mt-1 max-w-2xl text-slate-600">The latest 200 issued credentials. Revoking one sets its bit in the published status list at once.</p>
      </div>
      {credentials.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No credentials issued yet.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className={tableClass}>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className={headCell}>Credential</th>
                <th scope="col" className={headCell}>Person (OCID)</th>
                <th scope="col" className={headCell}>Issued by</th>
                <th scope="col" className={headCell}>Issued</th>
                <th scope="col" className={headCell}>Status</th>
                <th scope="col" className={headCell}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {credentials.map((credential) => (
                <tr key={credential.id} data-testid="admin-credential" data-credential-id={credential.id}>
                  <td className={cell}>
                    <span className="font-medium">{credential.tier}</span>
                    <span className="block font-mono text-xs text-slate-500">{credential.id}</span>
                  </td>
                  <td className={cell}>{credential.userOcid ?? "—"}</td>
                  <td className={cell}>{credential.accountName ?? "the person"}</td>
                  <td className={cell}>{dateTime(credential.issuedAt)}</td>
                  <td className={cell}>
                    <CredentialStatusBadge status={credential.status} />
                    {credential.revokedReason ? <span className="mt-1 block text-xs text-slate-500">{credential.revokedReason}</span> : null}
                  </td>
                  <td className={cell}>{credential.status === "valid" ? <RevokeCredentialForm credentialId={credential.id} action={revokeCredentialAction} warning="Verifiers will see it as revoked." /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
