import Link from "next/link";

import { Card } from "@/components/ui/card";

import type { Endpoint } from "@/lib/events/endpoints";

/** On the console's home: endpoints switched off after 24 hours of failures, or with deliveries retrying now. */
export function FailingEndpoints({ endpoints }: { endpoints: (Endpoint & { waiting: number })[] }) {
  if (endpoints.length === 0) return null;
  return (
    <Card title="Webhook endpoints failing" tone="danger" data-testid="failing-webhooks">
      <ul className="space-y-1 text-sm text-red-900">
        {endpoints.map((endpoint) => (
          <li key={endpoint.id}>
            <Link href={`/admin/webhooks/${endpoint.id}`} className="break-all font-medium underline">
              {endpoint.url}
            </Link>{" "}
            {endpoint.disabledAt ? "— disabled after 24 hours of failed deliveries" : `— ${endpoint.waiting} deliver${endpoint.waiting === 1 ? "y" : "ies"} retrying`}
          </li>
        ))}
      </ul>
    </Card>
  );
}
