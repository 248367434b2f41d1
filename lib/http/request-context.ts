import { AsyncLocalStorage } from "node:async_hooks";

import { remember } from "@/lib/state/remember";

/**
 * What the request log line says about the request beyond its method, route and status:
 * who it was for, once a wrapper has authenticated them (withPartner, withApiKey). The
 * server (attest-server.ts) opens one context per request; route handlers, in the same
 * process but loaded again through Next's bundles, reach the same store through `remember`.
 */
export type RequestContext = {
  requestId: string;
  /** The OCN partner whose signed request checked out. */
  partnerOcid?: number;
  /** The Credentials API account whose key checked out. */
  apiAccount?: string;
};

export function requestContextStore(): AsyncLocalStorage<RequestContext> {
  return remember("request-context", () => new AsyncLocalStorage<RequestContext>());
}

/** Names the caller for the log line; does nothing outside a request the server opened. */
export function notePrincipal(principal: { partnerOcid: number } | { apiAccount: string }): void {
  const context = requestContextStore().getStore();
  if (context) Object.assign(context, principal);
}
