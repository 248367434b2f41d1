import Link from "next/link";

import { EndpointStatus } from "@/components/admin/webhooks/endpoint-status";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Endpoint } from "@/lib/events/endpoints";

/**
 * A partner's or an API account's webhook endpoints on its own page, each linking to its
 * deliveries, and a way to add one for this owner: where staff look first when a gateway
 * says it got no events.
 */
export function OwnerEndpoints({ endpoints, addHref }: { endpoints: Endpoint[]; addHref: string }) {
  return (
    <Card
      title="Webhook endpoints"
      data-testid="owner-endpoints"
      actions={
        <Button href={addHref} variant="secondary">
          Add an endpoint
        </Button>
      }
    >
      {endpoints.length === 0 ? (
        <p className="text-sm text-slate-600">None: no events are sent to this owner.</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
              <Link href={`/admin/webhooks/${endpoint.id}`} className="font-medium break-all text-brand-700 hover:underline">
                {endpoint.url}
              </Link>
              <span className="font-mono text-xs text-slate-600">{endpoint.eventTypes.join(", ")}</span>
              <EndpointStatus endpoint={endpoint} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
