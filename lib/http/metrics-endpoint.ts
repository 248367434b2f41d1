import "server-only";

import { getEnv } from "@/lib/env";
import { clientAddress, isLoopbackAddress } from "@/lib/http/client-address";
import { AppError, errorResponse } from "@/lib/http/errors";
import { metrics } from "@/lib/http/metrics";
import { secretsEqual } from "@/lib/security/compare";

/**
 * GET /metrics in Prometheus's text format. With METRICS_TOKEN set, only for
 * `Authorization: Bearer <token>`; without it, only for clients on this machine (the address
 * the server decided, so behind TRUST_PROXY a proxied outsider is not taken for loopback).
 * Anyone else is told there is nothing here.
 */
function allowed(request: Request): AppError | null {
  const { metricsToken } = getEnv();
  const client = clientAddress(request.headers);
  if (!metricsToken) return client !== null && isLoopbackAddress(client) ? null : new AppError("NOT_FOUND", "There is nothing here.");
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  return presented !== undefined && secretsEqual(presented, metricsToken) ? null : new AppError("UNAUTHORIZED", "Send the metrics token as Authorization: Bearer <token>.");
}

export async function metricsEndpoint(request: Request): Promise<Response> {
  const refusal = allowed(request);
  if (refusal) return errorResponse(refusal, { "Cache-Control": "no-store", ...(refusal.code === "UNAUTHORIZED" ? { "WWW-Authenticate": 'Bearer realm="metrics"' } : {}) });
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
