import { Badge } from "@/components/ui/badge";
import type { DeliveryLogEntry, Endpoint } from "@/lib/events/endpoints";

/** One word for an endpoint and for a delivery, with colours that are not the only signal. */
export function EndpointStatus({ endpoint }: { endpoint: Pick<Endpoint, "enabled" | "disabledAt"> }) {
  if (endpoint.enabled) return <Badge tone="success">Enabled</Badge>;
  return <Badge tone="danger">{endpoint.disabledAt ? "Disabled after failures" : "Disabled"}</Badge>;
}

export function deliveryState(delivery: Pick<DeliveryLogEntry, "deliveredAt" | "failedAt" | "attempts">): string {
  if (delivery.deliveredAt) return "Delivered";
  if (delivery.failedAt) return "Gave up";
  return delivery.attempts === 0 ? "Queued" : "Retrying";
}
