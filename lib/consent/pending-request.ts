import "server-only";

import type { DbOrTx } from "@/lib/db/client";
import type { Item } from "@/lib/items/items";

import type { QueryInput } from "./grant-request";
import { resolveGrantRequest } from "./resolve-grant-request";

const GRANT_PATH = /^\/kyc\/grant\/([^/]+)$/;

export type PendingConsent = { partnerName: string; items: Item[] };

/**
 * The consent request a sign-in will return to, when the return path is one: who asks
 * and for what, so the sign-in screen can say so. Resolved like the consent page itself,
 * so an invalid or unknown request names nobody.
 */
export async function describePendingConsent(db: DbOrTx, returnPath: string): Promise<PendingConsent | null> {
  const url = new URL(returnPath, "http://attest.invalid");
  const ocid = GRANT_PATH.exec(url.pathname)?.[1];
  if (!ocid) return null;
  const query: QueryInput = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  }
  const resolved = await resolveGrantRequest(db, decodeURIComponent(ocid), query);
  if (resolved.kind !== "ok") return null;
  return { partnerName: resolved.partner.name, items: [...resolved.request.items] };
}
