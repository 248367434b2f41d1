import type { Metadata } from "next";
import Link from "next/link";

import { CreateAccountForm } from "@/components/admin/accounts/create-account-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { listAccounts } from "@/lib/credentials/accounts";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/review/age";

export const metadata: Metadata = { title: "API accounts" };

export default async function AccountsPage() {
  await requireStaff("accounts.manage", "/admin/accounts");
  const accounts = await listAccounts(await getDb());
  return (
    <div className="space-y-6">
      <PageHeader title="API accounts" description="Organisations that issue and verify credentials. Each holds credits (issue: 10, verify: 1) and API keys." />
      <Card title="New account">
        <CreateAccountForm />
      </Card>
      <Table
        title="All accounts"
        empty={accounts.length === 0 ? "No API accounts yet." : null}
        columns={[{ label: "Name" }, { label: "Partner" }, { label: "Balance", align: "right" }, { label: "Active keys", align: "right" }, { label: "Created" }]}
      >
        {accounts.map((account) => (
          <tr key={account.id}>
            <Cell>
              <Link href={`/admin/accounts/${account.id}`} className="font-medium text-brand-700 hover:underline">
                {account.name}
              </Link>
            </Cell>
            <Cell>{account.partnerOcid ?? <span className="text-slate-500">none</span>}</Cell>
            <Cell align="right">{account.balance.toLocaleString("en")}</Cell>
            <Cell align="right">{account.activeKeys}</Cell>
            <Cell>{formatDateTime(account.createdAt)}</Cell>
          </tr>
        ))}
      </Table>
    </div>
  );
}
