import "server-only";

import { headers } from "next/headers";

import { getEnv } from "@/lib/env";

/**
 * True when the request that runs a server action came from a page of
 * Attest itself. Next compares Origin with Host before running an action;
 * this compares it with PUBLIC_URL, which no request can choose, and refuses
 * a request without an Origin (every browser sends one on a POST).
 */
export async function isSameOriginRequest(): Promise<boolean> {
  const origin = (await headers()).get("origin");
  return origin !== null && origin === getEnv().publicUrl.origin;
}
