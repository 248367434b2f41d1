import { randomUUID } from "node:crypto";

import { metrics } from "@/lib/http/metrics";
import type { RequestContext } from "@/lib/http/request-context";

/**
 * One JSON line per request on stdout, and the same facts into the request metrics. The line
 * names the route template, never the path (ids) or the query (signed document URLs carry
 * their signature there), and the caller only as a partner OCID or an API account id.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's X-Request-Id when it is one a log can carry as is; a new UUID otherwise. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

export type RequestRecord = { context: RequestContext; method: string; route: string; status: number; startedAt: number };

export function recordRequest({ context, method, route, status, startedAt }: RequestRecord): void {
  const seconds = (performance.now() - startedAt) / 1000;
  const labels = { route, method, status: String(status) };
  const { requests, requestDuration } = metrics();
  requests.inc(labels);
  requestDuration.observe(labels, seconds);
  const line = {
    time: new Date().toISOString(),
    event: "request",
    request_id: context.requestId,
    method,
    route,
    status,
    duration_ms: Math.round(seconds * 10_000) / 10,
    ...(context.partnerOcid !== undefined ? { partner_ocid: context.partnerOcid } : {}),
    ...(context.apiAccount !== undefined ? { api_account: context.apiAccount } : {}),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
