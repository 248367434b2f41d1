import "server-only";

import { eq, inArray } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { partners, users } from "@/lib/db/schema";
import { blindIndex, decryptText } from "@/lib/security/encryption";

/**
 * Names for the audit log's ids, resolved when staff read it: the entries keep ids only, so
 * the chain holds no personal data and an erased person leaves nothing readable behind.
 * Staff show as their email address, people as their OCID, partners by name.
 */
export type AuditNames = { users: Map<string, { ocid: number; label: string }>; partners: Map<number, string> };

export async function resolveAuditNames(db: DbOrTx, entries: { actorId: string | null; subjectUserId: string | null; partnerOcid: number | null }[]): Promise<AuditNames> {
  const userIds = [...new Set(entries.flatMap((entry) => [entry.actorId, entry.subjectUserId]).filter((id): id is string => !!id))];
  const ocids = [...new Set(entries.map((entry) => entry.partnerOcid).filter((ocid): ocid is number => ocid !== null))];
  const [people, named] = await Promise.all([
    userIds.length ? db.select({ id: users.id, ocid: users.ocid, role: users.role, emailEnc: users.emailEnc }).from(users).where(inArray(users.id, userIds)) : Promise.resolve([]),
    ocids.length ? db.select({ ocid: partners.ocid, name: partners.name }).from(partners).where(inArray(partners.ocid, ocids)) : Promise.resolve([]),
  ]);
  return {
    users: new Map(
      people.map((row) => [row.id, { ocid: row.ocid, label: row.role && row.emailEnc ? decryptText(row.emailEnc, "users.email") : `OCID ${row.ocid}` }]),
    ),
    partners: new Map(named.map((row) => [row.ocid, row.name])),
  };
}

/** A person or staff member named in a filter, by email address or OCID, to the user id the entries hold. */
export async function userIdFor(db: DbOrTx, who: string): Promise<string | null> {
  const value = who.trim();
  if (/^\d{1,9}$/.test(value)) {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.ocid, Number(value)));
    return row?.id ?? null;
  }
  if (value.includes("@")) {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, blindIndex("email", value.toLowerCase())));
    return row?.id ?? null;
  }
  return value;
}
