import "server-only";

import { and, eq, isNull } from "drizzle-orm";

import { recordAudit, type AuditActor } from "@/lib/audit/log";
import type { Tx } from "@/lib/db/client";
import { credentials, statusLists } from "@/lib/db/schema";
import { emitCredentialRevoked, notifyPerson } from "@/lib/events/emit";

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
  if (credential.accountId) await emitCredentialRevoked(tx, { credentialId, accountId: credential.accountId, reason });
  if (credential.userId) await notifyPerson(tx, credential.userId, "credential.revoked", { credentialId, reason });
  return true;
}
