import Link from "next/link";

import type { Endpoint } from "@/lib/events/endpoints";

/** On the console's home: endpoints switched off after 24 hours of failures, or with deliveries retrying now. */
export function FailingEndpoints({ endpoints }: { endpoints: (Endpoint & { waiting: number })[] }) {
  if (endpoints.length === 0) return null;
  return (
    <section aria-labelledby="failing-webhooks" className="rounded-xl border border-red-200 bg-red-50 p-4" data-testid="failing-webhooks">
      <h2 id="failing-webhooks" className="font-semibold text-red-900">
        Webhook endpoints failing
      </h2>
      <ul className="mt-2 space-y-1 text-sm text-red-900">
        {endpoints.map((endpoint) => (
          <li key={endpoint.id}>
            <Link href={`/admin/webhooks/${endpoint.id}`} className="break-all font-medium underline">
              {endpoint.url}
            </Link>{" "}
            {endpoint.disabledAt ? "— disabled after 24 hours of failed deliveries" : `— ${endpoint.waiting} deliver${endpoint.waiting === 1 ? "y" : "ies"} retrying`}
          </li>
        ))}
      </ul>
    </section>
  );
}
