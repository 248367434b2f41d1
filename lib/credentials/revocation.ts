import "server-only";

import { and, eq, inArray, isNull } from "drizzle-orm";

import { recordAudit, type AuditActor } from "@/lib/audit/log";
import type { Tx } from "@/lib/db/client";
import { credentials, statusLists } from "@/lib/db/schema";
import type { Item } from "@/lib/items/items";

/**
 * Revocation sets the credential's bit in its Bitstring Status List (bit 0 is
 * the most significant bit of the first byte, as the W3C spec orders them),
 * in the same transaction as the credential row and its audit entry.
 */
export function setStatusBit(bits: Buffer, index: number): Buffer {
  const next = Buffer.from(bits);
  next[index >> 3]! |= 0x80 >> (index & 7);
  return next;
}

export function statusBit(bits: Uint8Array, index: number): boolean {
  return statusBitInByte(bits[index >> 3] ?? 0, index);
}

/** The bit for `index` within its byte (the list's byte index >> 3): the first entry is the most significant bit. */
export function statusBitInByte(byte: number, index: number): boolean {
  return (byte & (0x80 >> (index & 7))) !== 0;
}

export async function revokeCredential(tx: Tx, credentialId: string, reason: string, actor: AuditActor): Promise<boolean> {
  const [credential] = await tx
    .update(credentials)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(credentials.id, credentialId), isNull(credentials.revokedAt)))
    .returning();
  if (!credential) return false;
  // Row lock, so two revocations in one list cannot overwrite each other's bit.
  const [list] = await tx.select().from(statusLists).where(eq(statusLists.id, credential.statusListId)).for("update");
  if (list) {
    await tx
      .update(statusLists)
      .set({ bits: setStatusBit(list.bits, credential.statusIndex), updatedAt: new Date() })
      .where(eq(statusLists.id, list.id));
  }
  await recordAudit(tx, {
    actor,
    action: "credential.revoked",
    subjectUserId: credential.userId,
    details: { credentialId, reason },
  });
  return true;
}

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
