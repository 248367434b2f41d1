import type { Metadata } from "next";

import { DemoGatewayIntro } from "@/components/demo/gateway-intro";
import { GatewayConsole } from "@/components/demo/gateway-console";

export const metadata: Metadata = { title: "Demo gateway" };

/** A gateway acting as partner 300 (SPEC §10). Public: it sees only what partner 300 may see. */
export default function DemoPage() {
  return (
    <div className="space-y-6">
      <DemoGatewayIntro />
      <GatewayConsole />
    </div>
  );
}
