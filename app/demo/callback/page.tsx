import type { Metadata } from "next";
import { cookies } from "next/headers";

import { ConsentOutcome } from "@/components/demo/consent-outcome";
import { GatewayConsole } from "@/components/demo/gateway-console";
import { DemoGatewayIntro } from "@/components/demo/gateway-intro";
import { readConsentCallback } from "@/lib/demo/consent-callback";
import { demoStateCookie } from "@/lib/demo/gateway-form";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Demo gateway · consent result" };

/** Where Attest's consent page sends the person back to the demo gateway (SPEC §5). */
export default async function DemoCallbackPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const issuedState = (await cookies()).get(demoStateCookie(getEnv().publicUrl.protocol === "https:"))?.value ?? null;
  const callback = readConsentCallback(await searchParams, issuedState);
  return (
    <div className="space-y-6">
      <DemoGatewayIntro title="Back from the consent page" />
      <ConsentOutcome callback={callback} />
      <GatewayConsole initialOcid={callback.userOcid ?? "12345"} initialGrants={callback.granted.length > 0 ? callback.granted : undefined} />
    </div>
  );
}
