import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";

import { CreateApiKeyForm, MintTokenForm, RevokeApiKeyForm } from "@/components/admin/accounts/api-key-forms";
import { cell, DataTable, dateTime, headCell, tableClass } from "@/components/admin/accounts/table-bits";
import { RateLimitForm } from "@/components/admin/accounts/rate-limit-form";
import { TopUpForm } from "@/components/admin/accounts/top-up-form";
import { requireStaff } from "@/lib/auth/session";
import { getAccount, listApiKeys, listLedger } from "@/lib/credentials/accounts";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "API account" };

const REASONS: Record<string, string> = { top_up: "Top-up", issue: "Credential issued", verify: "Credential verified" };

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireStaff("accounts.manage", `/admin/accounts/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const account = await getAccount(db, id);
  if (!account) notFound();
  const [keys, ledger] = await Promise.all([listApiKeys(db, id), listLedger(db, id)]);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/accounts" className="text-sm text-brand-700 hover:underline">
          ← API accounts
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{account.name}</h1>
        <dl className="mt-2 flex flex-wrap gap-x-8 gap-y-1 text-sm text-slate-600">
          <div>
            <dt className="inline">Balance: </dt>
            <dd className="inline font-medium text-slate-900 tabular-nums" data-testid="balance">
              {account.balance.toLocaleString("en")} credits
            </dd>
          </div>
          <div>
            <dt className="inline">Partner OCID: </dt>
            <dd className="inline font-medium text-slate-900">{account.partnerOcid ?? "none (cannot issue for people)"}</dd>
          </div>
        </dl>
      </div>

      <section aria-labelledby="keys-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="keys-heading" className="text-lg font-medium">
          API keys
        </h2>
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600">No keys yet.</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass}>
              <thead className="border-b border-slate-200">
                <tr>
                  <th scope="col" className={headCell}>Label</th>
                  <th scope="col" className={headCell}>Key</th>
                  <th scope="col" className={headCell}>Created</th>
                  <th scope="col" className={headCell}>Last used</th>
                  <th scope="col" className={headCell}>State</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {keys.map((key) => (
                  <tr key={key.id}>
                    <td className={cell}>{key.name ?? <span className="text-slate-500">none</span>}</td>
                    <td className={`${cell} font-mono`}>{key.label}</td>
                    <td className={cell}>{dateTime(key.createdAt)}</td>
                    <td className={cell}>{key.lastUsedAt ? dateTime(key.lastUsedAt) : "never"}</td>
                    <td className={cell}>
                      {key.revokedAt ? (
                        <span className="text-slate-600" data-testid="key-state">
                          Revoked {dateTime(key.revokedAt)}
                        </span>
                      ) : (
                        <span className="flex flex-wrap items-center gap-3">
                          <span className="font-medium text-emerald-800" data-testid="key-state">
                            Active
                          </span>
                          <RevokeApiKeyForm accountId={account.id} keyId={key.id} label={key.label} />
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <CreateApiKeyForm accountId={account.id} />
        <div className="border-t border-slate-200 pt-4">
          <MintTokenForm accountId={account.id} />
        </div>
      </section>

      <section aria-labelledby="topup-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="topup-heading" className="text-lg font-medium">
          Top up credits
        </h2>
        <TopUpForm accountId={account.id} />
      </section>

      <section aria-labelledby="rate-limit-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="rate-limit-heading" className="text-lg font-medium">
          Rate limit
        </h2>
        <RateLimitForm accountId={account.id} current={account.rateLimitPerMinute} />
      </section>

      <section aria-labelledby="ledger-heading" className="space-y-3">
        <h2 id="ledger-heading" className="text-lg font-medium">
          Ledger <span className="text-sm font-normal text-slate-500">(latest 100 entries)</span>
        </h2>
        <DataTable
          empty={ledger.length === 0 ? "No entries yet." : null}
          columns={[{ label: "When" }, { label: "What" }, { label: "Change", align: "right" }, { label: "Balance after", align: "right" }, { label: "Reference" }]}
        >
          {ledger.map((entry) => (
            <tr key={entry.id}>
              <td className={cell}>{dateTime(entry.createdAt)}</td>
              <td className={cell}>{REASONS[entry.reason] ?? entry.reason}</td>
              <td className={`${cell} text-right tabular-nums ${entry.delta < 0 ? "text-red-700" : "text-emerald-700"}`}>
                {entry.delta > 0 ? "+" : ""}
                {entry.delta.toLocaleString("en")}
              </td>
              <td className={`${cell} text-right tabular-nums`}>{entry.balanceAfter.toLocaleString("en")}</td>
              <td className={`${cell} break-all font-mono text-xs text-slate-600`}>{entry.reference ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
