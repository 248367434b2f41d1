import type { DeliveryLogEntry, Endpoint } from "@/lib/events/endpoints";

/** One word for an endpoint and for a delivery, with colours that are not the only signal. */
export function EndpointStatus({ endpoint }: { endpoint: Pick<Endpoint, "enabled" | "disabledAt"> }) {
  if (endpoint.enabled) return <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Enabled</span>;
  return (
    <span className="rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800">{endpoint.disabledAt ? "Disabled after failures" : "Disabled"}</span>
  );
}

export function deliveryState(delivery: Pick<DeliveryLogEntry, "deliveredAt" | "failedAt" | "attempts">): string {
  if (delivery.deliveredAt) return "Delivered";
  if (delivery.failedAt) return "Gave up";
  return delivery.attempts === 0 ? "Queued" : "Retrying";
}
