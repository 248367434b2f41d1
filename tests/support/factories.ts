import { emailColumns } from "@/lib/auth/adapter";
import { getDb } from "@/lib/db/client";
import { grants, partners, users } from "@/lib/db/schema";
import { writeItem } from "@/lib/items/store";
import type { Item, ItemState } from "@/lib/items/items";

/**
 * Test data that each test owns: unique people and partners, never shared
 * fixtures, so tests run in any order on a shared PostgreSQL database.
 */
let partnerCounter = 0;

export function uniqueEmail(prefix = "person"): string {
  return `${prefix}-${crypto.randomUUID()}@example.com`;
}

export type ItemSpec = { state: ItemState; value?: unknown; verifiedAt?: Date; documentExpiresAt?: Date | null };

export async function createUser(options: { email?: string; role?: "reviewer" | "admin" | "auditor"; items?: Partial<Record<Item, ItemSpec>> } = {}) {
  const db = await getDb();
  const email = options.email ?? uniqueEmail();
  const [user] = await db
    .insert(users)
    .values({ ...emailColumns(email), emailVerified: new Date(), role: options.role ?? null })
    .returning();
  const entries = Object.entries(options.items ?? {}) as [Item, ItemSpec][];
  if (entries.length > 0) {
    await db.transaction(async (tx) => {
      for (const [item, spec] of entries) {
        await writeItem(tx, {
          userId: user!.id,
          item,
          state: spec.state,
          value: spec.value ?? null,
          at: spec.verifiedAt,
          action: "test.setup",
          documentExpiresAt: spec.documentExpiresAt ?? null,
        });
      }
    });
  }
  return { ...user!, email };
}

/** A unique partner OCID per call, far from the demo's 300. */
export function uniquePartnerOcid(): number {
  partnerCounter += 1;
  return 100_000 + (process.pid % 1000) * 1000 + partnerCounter + Math.floor(Math.random() * 500) * 100_000;
}

export async function createPartner(values: Partial<typeof partners.$inferInsert> & { metadataUrl: string }) {
  const db = await getDb();
  const [row] = await db
    .insert(partners)
    .values({ ocid: uniquePartnerOcid(), name: "Test Partner", callbackOrigins: [], ...values })
    .returning();
  return row!;
}

export async function setGrants(userId: string, partnerOcid: number, decisions: Partial<Record<Item, "granted" | "denied" | "revoked">>) {
  const db = await getDb();
  const now = new Date();
  for (const [item, decision] of Object.entries(decisions) as [Item, "granted" | "denied" | "revoked"][]) {
    await db
      .insert(grants)
      .values({ userId, partnerOcid, item, decision, decidedAt: now, grantedAt: decision === "granted" ? now : null })
      .onConflictDoUpdate({ target: [grants.userId, grants.partnerOcid, grants.item], set: { decision, decidedAt: now } });
  }
}
