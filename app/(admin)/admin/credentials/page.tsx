import type { Metadata } from "next";

import { cell, DataTable, dateTime } from "@/components/admin/accounts/table-bits";
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
      <DataTable
        empty={credentials.length === 0 ? "No credentials issued yet." : null}
        columns={[{ label: "Credential" }, { label: "Person (OCID)" }, { label: "Issued by" }, { label: "Issued" }, { label: "Status" }, { label: "Actions", hidden: true }]}
      >
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
      </DataTable>
    </div>
  );
}
