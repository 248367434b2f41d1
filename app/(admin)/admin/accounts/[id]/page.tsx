import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";

import { CreateApiKeyForm, MintTokenForm, RevokeApiKeyForm } from "@/components/admin/accounts/api-key-forms";
import { RateLimitForm } from "@/components/admin/accounts/rate-limit-form";
import { TopUpForm } from "@/components/admin/accounts/top-up-form";
import { OwnerEndpoints } from "@/components/admin/webhooks/owner-endpoints";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { can } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { getAccount, listApiKeys, listLedger } from "@/lib/credentials/accounts";
import { getDb } from "@/lib/db/client";
import { listEndpoints } from "@/lib/events/endpoints";
import { formatDateTime } from "@/lib/review/age";

export const metadata: Metadata = { title: "API account" };

const REASONS: Record<string, string> = { top_up: "Top-up", issue: "Credential issued", verify: "Credential verified" };

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff("accounts.manage", `/admin/accounts/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const account = await getAccount(db, id);
  if (!account) notFound();
  const [keys, ledger, endpoints] = await Promise.all([
    listApiKeys(db, id),
    listLedger(db, id),
    can(staff.role, "webhooks.manage") ? listEndpoints(db, { accountId: id }) : null,
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title={account.name} back={{ href: "/admin/accounts", label: "API accounts" }}>
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
      </PageHeader>

      <Card title="API keys" className="space-y-4">
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600">No keys yet.</p>
        ) : (
          <Table columns={[{ label: "Label" }, { label: "Key" }, { label: "Created" }, { label: "Last used" }, { label: "State" }]}>
            {keys.map((key) => (
              <tr key={key.id}>
                <Cell>{key.name ?? <span className="text-slate-500">none</span>}</Cell>
                <Cell className="font-mono">{key.label}</Cell>
                <Cell>{formatDateTime(key.createdAt)}</Cell>
                <Cell>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "never"}</Cell>
                <Cell>
                  {key.revokedAt ? (
                    <span className="text-slate-600" data-testid="key-state">
                      Revoked {formatDateTime(key.revokedAt)}
                    </span>
                  ) : (
                    <span className="flex flex-wrap items-center gap-3">
                      <span className="font-medium text-emerald-800" data-testid="key-state">
                        Active
                      </span>
                      <RevokeApiKeyForm accountId={account.id} keyId={key.id} label={key.label} />
                    </span>
                  )}
                </Cell>
              </tr>
            ))}
          </Table>
        )}
        <CreateApiKeyForm accountId={account.id} />
        <div className="border-t border-slate-200 pt-4">
          <MintTokenForm accountId={account.id} />
        </div>
      </Card>

      <Card title="Top up credits">
        <TopUpForm accountId={account.id} />
      </Card>

      <Card title="Rate limit">
        <RateLimitForm accountId={account.id} current={account.rateLimitPerMinute} />
      </Card>

      {endpoints ? <OwnerEndpoints endpoints={endpoints} addHref={`/admin/webhooks?owner=account:${account.id}`} /> : null}

      <Table
        title="Ledger"
        note="(latest 100 entries)"
        empty={ledger.length === 0 ? "No entries yet." : null}
        columns={[{ label: "When" }, { label: "What" }, { label: "Change", align: "right" }, { label: "Balance after", align: "right" }, { label: "Reference" }]}
      >
        {ledger.map((entry) => (
          <tr key={entry.id}>
            <Cell>{formatDateTime(entry.createdAt)}</Cell>
            <Cell>{REASONS[entry.reason] ?? entry.reason}</Cell>
            <Cell align="right" className={entry.delta < 0 ? "text-red-700" : "text-emerald-700"}>
              {entry.delta > 0 ? "+" : ""}
              {entry.delta.toLocaleString("en")}
            </Cell>
            <Cell align="right">{entry.balanceAfter.toLocaleString("en")}</Cell>
            <Cell mono className="break-all text-slate-600">
              {entry.reference ?? ""}
            </Cell>
          </tr>
        ))}
      </Table>
    </div>
  );
}
