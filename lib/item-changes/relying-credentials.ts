import "server-only";

import { and, inArray, isNull } from "drizzle-orm";

import type { AuditActor } from "@/lib/audit/log";
import { revokeCredential } from "@/lib/credentials/revocation";
import type { Tx } from "@/lib/db/client";
import { credentials } from "@/lib/db/schema";
import type { Item } from "@/lib/items/items";

/**
 * The one rule joining identity items and credentials, kept above both: whatever changes an
 * item (a review, the expiry sweep, a screening, the person editing or withdrawing it, a new
 * upload or phone number) calls this in the same transaction, so no path can leave a
 * credential alive on an item that stopped being verified.
 */

/**
 * An item that stops being verified (rejected, expired, withdrawn, changed by the person,
 * sent back to review by a new screening) revokes every live credential whose tier relied
 * on it (SPEC §6), inside the transaction that changed the item.
 */
export async function revokeCredentialsRelyingOn(tx: Tx, userId: string, item: Item, actor: AuditActor): Promise<number> {
  return revokeCredentialsRelyingOnAny(tx, new Map([[userId, [item]]]), actor);
}

/**
 * The same for many people at once, as the expiry sweep and a re-screening need: one read
 * of those people's live credentials, then each one that relied on a lapsed item is
 * revoked. `lapsed` maps a user id to its items.
 */
export async function revokeCredentialsRelyingOnAny(
  tx: Tx,
  lapsed: ReadonlyMap<string, readonly Item[]>,
  actor: AuditActor,
  why = "no longer verified",
): Promise<number> {
  if (lapsed.size === 0) return 0;
  const live = await tx
    .select({ id: credentials.id, userId: credentials.userId, items: credentials.items })
    .from(credentials)
    .where(and(inArray(credentials.userId, [...lapsed.keys()]), isNull(credentials.revokedAt)));
  let revoked = 0;
  for (const credential of live) {
    const item = lapsed.get(credential.userId!)?.find((name) => credential.items.includes(name));
    if (item && (await revokeCredential(tx, credential.id, `${item} ${why}`, actor))) revoked += 1;
  }
  return revoked;
}
