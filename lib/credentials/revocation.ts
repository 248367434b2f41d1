import "server-only";

import { and, eq, isNull, sql } from "drizzle-orm";

import { recordAudit, type AuditActor } from "@/lib/audit/log";
import type { Tx } from "@/lib/db/client";
import { credentials, statusLists } from "@/lib/db/schema";
import type { Item } from "@/lib/kyc/items";

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
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
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

/** A rejected or expired item revokes every live credential whose tier relied on it (SPEC §6). */
export async function revokeCredentialsRelyingOn(tx: Tx, userId: string, item: Item, actor: AuditActor): Promise<number> {
  const live = await tx
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.userId, userId), isNull(credentials.revokedAt), sql`${credentials.items} @> ${JSON.stringify([item])}::jsonb`));
  let revoked = 0;
  for (const { id } of live) if (await revokeCredential(tx, id, `${item} no longer verified`, actor)) revoked += 1;
  return revoked;
}
