import type { Metadata } from "next";
import Link from "next/link";

import { cell, DataTable, dateTime } from "@/components/admin/accounts/table-bits";
import { CreateEndpointForm } from "@/components/admin/webhooks/create-endpoint-form";
import { EndpointStatus } from "@/components/admin/webhooks/endpoint-status";
import { requireStaff } from "@/lib/auth/session";
import { listAccounts } from "@/lib/credentials/accounts";
import { getDb } from "@/lib/db/client";
import { listEndpoints } from "@/lib/events/endpoints";
import { listPartners } from "@/lib/ocn/partner-registry";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requireStaff("webhooks.manage", "/admin/webhooks");
  const db = await getDb();
  const [endpoints, partners, accounts] = await Promise.all([listEndpoints(db), listPartners(db), listAccounts(db)]);
  const partnerNames = new Map(partners.map((partner) => [partner.ocid, partner.name]));
  const accountNames = new Map(accounts.map((account) => [account.id, account.name]));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="mt-1 max-w-2xl text-slate-600">
          Where Attest pushes events. Partners get status, consent and deletion events for people who granted them something, signed with this provider&apos;s OCN key;
          API accounts get revocations of the credentials they issued, signed per Standard Webhooks. Failed deliveries are retried for 24 hours, then the endpoint is disabled.
        </p>
      </div>

      <section aria-labelledby="new-endpoint" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="new-endpoint" className="mb-3 text-lg font-medium">
          New endpoint
        </h2>
        <CreateEndpointForm
          owners={{ partners: partners.map(({ ocid, name }) => ({ ocid, name })), accounts: accounts.map(({ id, name }) => ({ id, name })) }}
        />
      </section>

      <section aria-labelledby="all-endpoints" className="space-y-3">
        <h2 id="all-endpoints" className="text-lg font-medium">
          All endpoints
        </h2>
        <DataTable empty={endpoints.length === 0 ? "No webhook endpoints yet." : null} columns={[{ label: "URL" }, { label: "For" }, { label: "Events" }, { label: "Status" }, { label: "Created" }]}>
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id}>
              <td className={`${cell} break-all`}>
                <Link href={`/admin/webhooks/${endpoint.id}`} className="font-medium text-brand-700 hover:underline">
                  {endpoint.url}
                </Link>
              </td>
              <td className={cell}>
                {endpoint.partnerOcid !== null ? `${partnerNames.get(endpoint.partnerOcid) ?? "Partner"} (${endpoint.partnerOcid})` : (accountNames.get(endpoint.accountId!) ?? "API account")}
              </td>
              <td className={`${cell} font-mono text-xs`}>{endpoint.eventTypes.join(", ")}</td>
              <td className={cell}>
                <EndpointStatus endpoint={endpoint} />
              </td>
              <td className={cell}>{dateTime(endpoint.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
