import "server-only";

import { and, eq, inArray } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { dataAccesses, grants, partners } from "@/lib/db/schema";
import { ITEMS, isItem, type Item } from "@/lib/items/items";

/**
 * What /account/partners shows: every partner the person ever decided
 * something for, each item's current decision, when it was granted, and when
 * the partner last fetched it, and every fetch (from the data-access records,
 * one per /kyc/data answer).
 */
export type ConnectedItem = {
  item: Item;
  decision: "granted" | "denied" | "revoked";
  decidedAt: Date;
  grantedAt: Date | null;
  lastAccessedAt: Date | null;
};

/** One /kyc/data read: when, and which items the partner received. */
export type DataAccess = { at: Date; items: Item[] };

export type ConnectedPartner = {
  ocid: number;
  name: string;
  suspended: boolean;
  lastAccessedAt: Date | null;
  items: ConnectedItem[];
  /** Every read, newest first. */
  accesses: DataAccess[];
};

function later(a: Date | null, b: Date): Date {
  return a && a > b ? a : b;
}

export async function listConnectedPartners(db: DbOrTx, userId: string): Promise<ConnectedPartner[]> {
  const rows = await db.select().from(grants).where(eq(grants.userId, userId));
  if (rows.length === 0) return [];
  const ocids = [...new Set(rows.map((row) => row.partnerOcid))];
  const [known, accesses] = await Promise.all([
    db.select({ ocid: partners.ocid, name: partners.name, status: partners.status }).from(partners).where(inArray(partners.ocid, ocids)),
    db.select().from(dataAccesses).where(eq(dataAccesses.userId, userId)),
  ]);

  const lastAccess = new Map<string, Date>();
  const lastPartnerAccess = new Map<number, Date>();
  for (const access of accesses) {
    lastPartnerAccess.set(access.partnerOcid, later(lastPartnerAccess.get(access.partnerOcid) ?? null, access.createdAt));
    for (const item of access.items) {
      const key = `${access.partnerOcid}:${item}`;
      lastAccess.set(key, later(lastAccess.get(key) ?? null, access.createdAt));
    }
  }

  const byOcid = new Map(known.map((partner) => [partner.ocid, partner]));
  return ocids
    .map((ocid) => {
      const partner = byOcid.get(ocid);
      const items = rows
        .filter((row) => row.partnerOcid === ocid && isItem(row.item))
        .sort((a, b) => ITEMS.indexOf(a.item) - ITEMS.indexOf(b.item))
        .map((row) => ({
          item: row.item,
          decision: row.decision,
          decidedAt: row.decidedAt,
          grantedAt: row.grantedAt,
          lastAccessedAt: lastAccess.get(`${ocid}:${row.item}`) ?? null,
        }));
      return {
        ocid,
        name: partner?.name ?? `OCID ${ocid}`,
        suspended: partner?.status === "suspended",
        lastAccessedAt: lastPartnerAccess.get(ocid) ?? null,
        items,
        accesses: accesses
          .filter((access) => access.partnerOcid === ocid)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
          .map((access) => ({ at: access.createdAt, items: access.items.filter(isItem) })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.ocid - b.ocid);
}

/** Items this person currently grants `partnerOcid`: the consent page's toggles start on for these. */
export async function grantedItems(db: DbOrTx, userId: string, partnerOcid: number): Promise<Set<Item>> {
  const rows = await db
    .select({ item: grants.item })
    .from(grants)
    .where(and(eq(grants.userId, userId), eq(grants.partnerOcid, partnerOcid), eq(grants.decision, "granted")));
  return new Set(rows.map((row) => row.item));
}
