import type { Page } from "@playwright/test";

import { DEMO_GATEWAY } from "../../lib/demo/gateway";
import { signRequestHeaders } from "../../lib/ocn/client";

/** A signed OCN call as partner 300 (the demo gateway), the way any gateway makes it. */
export async function asPartner300(page: Page, path: "/kyc/validate" | "/kyc/data", body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const headers = signRequestHeaders({ ocid: DEMO_GATEWAY.ocid, privateKeyHex: DEMO_GATEWAY.privateKey, method: "POST", url: path, body: raw });
  const response = await page.request.post(path, { headers: { ...headers, "Content-Type": "application/json" }, data: raw });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}
