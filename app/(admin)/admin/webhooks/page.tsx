import type { Metadata } from "next";
import Link from "next/link";

import { CreateEndpointForm, type Owner } from "@/components/admin/webhooks/create-endpoint-form";
import { EndpointStatus } from "@/components/admin/webhooks/endpoint-status";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { listAccounts } from "@/lib/credentials/accounts";
import { getDb } from "@/lib/db/client";
import { listEndpoints } from "@/lib/events/endpoints";
import { listPartners } from "@/lib/ocn/partner-registry";
import { formatDateTime } from "@/lib/review/age";

export const metadata: Metadata = { title: "Webhooks" };

/** `?owner=partner:300` or `?owner=account:<id>`, from an owner's page: the new-endpoint form starts with it chosen. */
function ownerFrom(value: string | string[] | undefined): Owner | undefined {
  const [kind, id] = typeof value === "string" ? value.split(":") : [];
  if (kind === "partner" && /^\d{1,10}$/.test(id ?? "")) return { kind, ocid: Number(id) };
  if (kind === "account" && id) return { kind, id };
  return undefined;
}

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("webhooks.manage", "/admin/webhooks");
  const owner = ownerFrom((await searchParams).owner);
  const db = await getDb();
  const [endpoints, partners, accounts] = await Promise.all([listEndpoints(db), listPartners(db), listAccounts(db)]);
  const partnerNames = new Map(partners.map((partner) => [partner.ocid, partner.name]));
  const accountNames = new Map(accounts.map((account) => [account.id, account.name]));
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description={
          <>
            Where Attest pushes events. Partners get status, consent and deletion events for people who granted them something, signed with this provider&apos;s OCN key;
            API accounts get revocations of the credentials they issued, signed per Standard Webhooks. Failed deliveries are retried for 24 hours, then the endpoint is disabled.
          </>
        }
      />
      <Card title="New endpoint">
        <CreateEndpointForm
          owners={{ partners: partners.map(({ ocid, name }) => ({ ocid, name })), accounts: accounts.map(({ id, name }) => ({ id, name })) }}
          initial={owner}
        />
      </Card>
      <Table
        title="All endpoints"
        empty={endpoints.length === 0 ? "No webhook endpoints yet." : null}
        columns={[{ label: "URL" }, { label: "For" }, { label: "Events" }, { label: "Status" }, { label: "Created" }]}
      >
        {endpoints.map((endpoint) => (
          <tr key={endpoint.id}>
            <Cell className="break-all">
              <Link href={`/admin/webhooks/${endpoint.id}`} className="font-medium text-brand-700 hover:underline">
                {endpoint.url}
              </Link>
            </Cell>
            <Cell>
              {endpoint.partnerOcid !== null ? `${partnerNames.get(endpoint.partnerOcid) ?? "Partner"} (${endpoint.partnerOcid})` : (accountNames.get(endpoint.accountId!) ?? "API account")}
            </Cell>
            <Cell mono>{endpoint.eventTypes.join(", ")}</Cell>
            <Cell>
              <EndpointStatus endpoint={endpoint} />
            </Cell>
            <Cell>{formatDateTime(endpoint.createdAt)}</Cell>
          </tr>
        ))}
      </Table>
    </div>
  );
}
