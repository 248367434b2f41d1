import "server-only";

import type { Tx } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { canonicalJson } from "@/lib/security/canonical-json";

import { leafHash, type Hash } from "./merkle";

/**
 * The audit log (SPEC §7) is a transparency log in the design of Certificate Transparency
 * (RFC 9162): every entry is written inside the transaction of the change it records, with
 * no lock, and the sequencer (lib/transparency/tree.ts) later gives each committed entry the next
 * leaf of a Merkle tree whose heads the provider signs.
 */
export type AuditActor = { type: "user" | "staff" | "partner" | "api_account" | "system"; id?: string | null };

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  subjectUserId?: string | null;
  partnerOcid?: number | null;
  /** Ids, item names and codes only: never personal data. */
  details?: Record<string, unknown>;
};

export type AuditRow = typeof auditLog.$inferSelect;

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    // Millisecond precision survives the round trip through timestamptz, so the leaf recomputes exactly.
    createdAt: new Date(),
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    action: entry.action,
    subjectUserId: entry.subjectUserId ?? null,
    partnerOcid: entry.partnerOcid ?? null,
    details: entry.details ?? {},
  });
}

type LeafFields = Pick<AuditRow, "id" | "actorType" | "actorId" | "action" | "subjectUserId" | "partnerOcid" | "details"> & { createdAt: Date | string };

/**
 * A leaf's data: the RFC 8785 canonical JSON of the entry, its id included, so an entry moved
 * to another leaf no longer matches the tree. The leaf index itself is not part of it: the
 * sequencer assigns it after the entry is written.
 */
export function leafData(entry: LeafFields): string {
  return canonicalJson({
    id: entry.id,
    createdAt: new Date(entry.createdAt).toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    action: entry.action,
    subjectUserId: entry.subjectUserId,
    partnerOcid: entry.partnerOcid,
    details: entry.details,
  });
}

export function entryLeafHash(entry: LeafFields): Hash {
  return leafHash(leafData(entry));
}
