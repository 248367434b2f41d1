import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { cell, DataTable, dateTime } from "@/components/admin/accounts/table-bits";
import { deliveryState, EndpointStatus } from "@/components/admin/webhooks/endpoint-status";
import { deleteEndpointAction, resendAction, sendTestEventAction, setEnabledAction } from "@/app/(admin)/admin/webhooks/actions";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEndpoint, listDeliveries } from "@/lib/events/endpoints";

export const metadata: Metadata = { title: "Webhook endpoint" };

const NOTICES: Record<string, string> = {
  test: "Test event queued: it is sent within a few seconds.",
  resent: "Delivery queued again with the same event id.",
  enabled: "Endpoint enabled: waiting deliveries are sent again.",
  disabled: "Endpoint disabled: new events wait until it is enabled.",
  failed: "That did not work: reload the page and try again.",
};

const secondaryButton = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100";

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
      <div>
        <Link href="/admin/webhooks" className="text-sm text-brand-700 hover:underline">
          ← All webhooks
        </Link>
        <h1 className="mt-2 break-all text-2xl font-semibold tracking-tight">{endpoint.url}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-600">
          <EndpointStatus endpoint={endpoint} />
          <span>{endpoint.partnerOcid !== null ? `Partner ${endpoint.partnerOcid}, signed with the provider's OCN key` : "API account, signed per Standard Webhooks"}</span>
          <span className="font-mono text-xs">{endpoint.eventTypes.join(", ")}</span>
        </p>
        {endpoint.disabledReason ? (
          <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {endpoint.disabledReason} ({dateTime(endpoint.disabledAt)}).
          </p>
        ) : null}
      </div>

      {notice ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {notice}
        </p>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <form action={sendTestEventAction}>
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            Send test event
          </button>
        </form>
        <form action={setEnabledAction}>
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <input type="hidden" name="enabled" value={endpoint.enabled ? "false" : "true"} />
          <button type="submit" className={secondaryButton}>
            {endpoint.enabled ? "Disable" : "Enable"}
          </button>
        </form>
        <form action={deleteEndpointAction}>
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <button type="submit" className={`${secondaryButton} text-red-800`}>
            Delete endpoint
          </button>
        </form>
      </div>

      <section aria-labelledby="deliveries" className="space-y-3">
        <h2 id="deliveries" className="text-lg font-medium">
          Delivery log
        </h2>
        <DataTable
          empty={deliveries.length === 0 ? "No deliveries yet. Send a test event to try the endpoint." : null}
          columns={[{ label: "Event" }, { label: "State" }, { label: "Attempts", align: "right" }, { label: "Last status" }, { label: "Next try" }, { label: "Created" }, { label: "Actions", hidden: true }]}
        >
          {deliveries.map((delivery) => (
            <tr key={delivery.id} data-testid="delivery-row">
              <td className={cell}>
                <span className="font-mono text-xs">{delivery.type}</span>
                <span className="block font-mono text-xs text-slate-500">{delivery.id}</span>
              </td>
              <td className={cell}>{deliveryState(delivery)}</td>
              <td className={`${cell} text-right tabular-nums`}>{delivery.attempts}</td>
              <td className={cell}>{delivery.lastStatus ?? delivery.lastError ?? "—"}</td>
              <td className={cell}>{delivery.deliveredAt || delivery.failedAt ? "—" : dateTime(delivery.nextAttemptAt)}</td>
              <td className={cell}>{dateTime(delivery.createdAt)}</td>
              <td className={cell}>
                <form action={resendAction}>
                  <input type="hidden" name="endpointId" value={endpoint.id} />
                  <input type="hidden" name="eventId" value={delivery.id} />
                  <button type="submit" className={secondaryButton} aria-label={`Resend ${delivery.type} ${delivery.id}`}>
                    Resend
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
