import type { Metadata } from "next";
import Link from "next/link";

import { CreateAccountForm } from "@/components/admin/accounts/create-account-form";
import { cell, DataTable, dateTime } from "@/components/admin/accounts/table-bits";
import { requireStaff } from "@/lib/auth/session";
import { listAccounts } from "@/lib/credentials/accounts";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "API accounts" };

export default async function AccountsPage() {
  await requireStaff("accounts.manage", "/admin/accounts");
  const accounts = await listAccounts(await getDb());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API accounts</h1>
        <p className="mt-1 max-w-2xl text-slate-600">
          Organisations that issue and verify credentials. Each holds credits (issue: 10, verify: 1) and API keys.
        </p>
      </div>

      <section aria-labelledby="new-account" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="new-account" className="mb-3 text-lg font-medium">
          New account
        </h2>
        <CreateAccountForm />
      </section>

      <section aria-labelledby="all-accounts" className="space-y-3">
        <h2 id="all-accounts" className="text-lg font-medium">
          All accounts
        </h2>
        <DataTable
          empty={accounts.length === 0 ? "No API accounts yet." : null}
          columns={[{ label: "Name" }, { label: "Partner" }, { label: "Balance", align: "right" }, { label: "Active keys", align: "right" }, { label: "Created" }]}
        >
          {accounts.map((account) => (
            <tr key={account.id}>
              <td className={cell}>
                <Link href={`/admin/accounts/${account.id}`} className="font-medium text-brand-700 hover:underline">
                  {account.name}
                </Link>
              </td>
              <td className={cell}>{account.partnerOcid ?? <span className="text-slate-500">none</span>}</td>
              <td className={`${cell} text-right tabular-nums`}>{account.balance.toLocaleString("en")}</td>
              <td className={`${cell} text-right tabular-nums`}>{account.activeKeys}</td>
              <td className={cell}>{dateTime(account.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
