import type { Metadata } from "next";

import { RevokeCredentialForm } from "@/components/credentials/revoke-credential-form";
import { CredentialStatusBadge } from "@/components/credentials/credential-status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { revokeCredentialAction } from "@/app/(admin)/admin/credentials/actions";
import { requireStaff } from "@/lib/auth/session";
import { listCredentialsForStaff } from "@/lib/credentials/manage";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/review/age";

export const metadata: Metadata = { title: "Credentials" };

export default async function CredentialsAdminPage() {
  await requireStaff("credentials.revoke", "/admin/credentials");
  const credentials = await listCredentialsForStaff(await getDb());
  return (
    <div className="space-y-6">
      <PageHeader title="Credentials" description="The latest 200 issued credentials. Revoking one sets its bit in the published status list at once." />
      <Table
        empty={credentials.length === 0 ? "No credentials issued yet." : null}
        columns={[{ label: "Credential" }, { label: "Person (OCID)" }, { label: "Issued by" }, { label: "Issued" }, { label: "Status" }, { label: "Actions", hidden: true }]}
      >
        {credentials.map((credential) => (
          <tr key={credential.id} data-testid="admin-credential" data-credential-id={credential.id}>
            <Cell>
              <span className="font-medium">{credential.tier}</span>
              <span className="block font-mono text-xs text-slate-500">{credential.id}</span>
            </Cell>
            <Cell>{credential.userOcid ?? "—"}</Cell>
            <Cell>{credential.accountName ?? "the person"}</Cell>
            <Cell>{formatDateTime(credential.issuedAt)}</Cell>
            <Cell>
              <CredentialStatusBadge status={credential.status} />
              {credential.revokedReason ? <span className="mt-1 block text-xs text-slate-500">{credential.revokedReason}</span> : null}
            </Cell>
            <Cell>{credential.status === "valid" ? <RevokeCredentialForm credentialId={credential.id} action={revokeCredentialAction} warning="Verifiers will see it as revoked." /> : null}</Cell>
          </tr>
        ))}
      </Table>
    </div>
  );
}
