import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { deliveryState, EndpointStatus } from "@/components/admin/webhooks/endpoint-status";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { deleteEndpointAction, resendAction, sendTestEventAction, setEnabledAction } from "@/app/(admin)/admin/webhooks/actions";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEndpoint, listDeliveries } from "@/lib/events/endpoints";
import { formatDateTime } from "@/lib/review/age";

export const metadata: Metadata = { title: "Webhook endpoint" };

const NOTICES: Record<string, string> = {
  test: "Test event queued: it is sent within a few seconds.",
  resent: "Delivery queued again with the same event id.",
  enabled: "Endpoint enabled: waiting deliveries are sent again.",
  disabled: "Endpoint disabled: new events wait until it is enabled.",
  failed: "That did not work: reload the page and try again.",
};

export default async function EndpointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  await requireStaff("webhooks.manage", `/admin/webhooks/${id}`);
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const db = await getDb();
  const endpoint = await getEndpoint(db, id);
  if (!endpoint) notFound();
  const deliveries = await listDeliveries(db, id);
  const done = (await searchParams).done;
  const notice = typeof done === "string" ? NOTICES[done] : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title={<span className="break-all">{endpoint.url}</span>} back={{ href: "/admin/webhooks", label: "All webhooks" }}>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-600">
          <EndpointStatus endpoint={endpoint} />
          <span>{endpoint.partnerOcid !== null ? `Partner ${endpoint.partnerOcid}, signed with the provider's OCN key` : "API account, signed per Standard Webhooks"}</span>
          <span className="font-mono text-xs">{endpoint.eventTypes.join(", ")}</span>
        </p>
        {endpoint.disabledReason ? (
          <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {endpoint.disabledReason} ({formatDateTime(endpoint.disabledAt)}).
          </p>
        ) : null}
      </PageHeader>

      {notice ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {notice}
        </p>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <form action={sendTestEventAction}>
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <Button type="submit" size="sm">
            Send test event
          </Button>
        </form>
        <form action={setEnabledAction}>
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <input type="hidden" name="enabled" value={endpoint.enabled ? "false" : "true"} />
          <Button type="submit" variant="secondary" size="sm">
            {endpoint.enabled ? "Disable" : "Enable"}
          </Button>
        </form>
        <form action={deleteEndpointAction}>
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <Button type="submit" variant="danger" size="sm">
            Delete endpoint
          </Button>
        </form>
      </div>

      <Table
        title="Delivery log"
        empty={deliveries.length === 0 ? "No deliveries yet. Send a test event to try the endpoint." : null}
        columns={[{ label: "Event" }, { label: "State" }, { label: "Attempts", align: "right" }, { label: "Last status" }, { label: "Next try" }, { label: "Created" }, { label: "Actions", hidden: true }]}
      >
        {deliveries.map((delivery) => (
          <tr key={delivery.id} data-testid="delivery-row">
            <Cell>
              <span className="font-mono text-xs">{delivery.type}</span>
              <span className="block font-mono text-xs text-slate-500">{delivery.id}</span>
            </Cell>
            <Cell>{deliveryState(delivery)}</Cell>
            <Cell align="right">{delivery.attempts}</Cell>
            <Cell>{delivery.lastStatus ?? delivery.lastError ?? "—"}</Cell>
            <Cell>{delivery.deliveredAt || delivery.failedAt ? "—" : formatDateTime(delivery.nextAttemptAt)}</Cell>
            <Cell>{formatDateTime(delivery.createdAt)}</Cell>
            <Cell>
              <form action={resendAction}>
                <input type="hidden" name="endpointId" value={endpoint.id} />
                <input type="hidden" name="eventId" value={delivery.id} />
                <Button type="submit" variant="secondary" size="sm" aria-label={`Resend ${delivery.type} ${delivery.id}`}>
                  Resend
                </Button>
              </form>
            </Cell>
          </tr>
        ))}
      </Table>
    </div>
  );
}
