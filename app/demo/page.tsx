import type { Metadata } from "next";

import { DemoGatewayIntro } from "@/components/demo/gateway-intro";
import { GatewayConsole } from "@/components/demo/gateway-console";
import { WebhookPanel } from "@/components/demo/webhook-panel";
import { getDb } from "@/lib/db/client";
import { demoWebhookUrl, ensureDemoWebhook } from "@/lib/demo/webhooks";
import { publicPath } from "@/lib/env";
import { logUnexpected } from "@/lib/http/errors";

export const metadata: Metadata = { title: "Demo gateway" };

/** A gateway acting as partner 300 (SPEC §10). Public: it sees only what partner 300 may see. */
export default async function DemoPage() {
  // The gateway's webhook is registered on first view; the page works without it.
  await ensureDemoWebhook(await getDb()).catch((error: unknown) => logUnexpected(error, "registering the demo webhook"));
  return (
    <div className="space-y-6">
      <DemoGatewayIntro />
      <GatewayConsole />
      <WebhookPanel source={publicPath("/demo/webhooks")} endpoint={demoWebhookUrl()} />
    </div>
  );
}
