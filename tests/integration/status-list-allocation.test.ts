import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { issueOwnCredential } from "@/lib/credentials/issue";
import { allocateStatusEntry } from "@/lib/credentials/status-list";
import { getDb } from "@/lib/db/client";
import { credentials, statusLists } from "@/lib/db/schema";
import { createPerson } from "@/tests/support/credentials";

/**
 * Status-list entries (lib/credentials/status-list.ts) are allocated without a lock on the
 * list's row: concurrent issuances must still never share an entry, and a list whose draws
 * keep hitting taken entries is closed and a new one opened.
 */
class RolledBack extends Error {}

describe("status list allocation", () => {
  it("gives concurrent issuances distinct entries", async () => {
    const db = await getDb();
    const person = await createPerson();
    const issued = await Promise.all(Array.from({ length: 30 }, () => issueOwnCredential(db, person.user.id)));
    const rows = await db
      .select({ listId: credentials.statusListId, index: credentials.statusIndex })
      .from(credentials)
      .where(eq(credentials.userId, person.user.id));
    expect(rows).toHaveLength(issued.length);
    expect(new Set(rows.map((row) => `${row.listId}#${row.index}`)).size).toBe(issued.length);
  });

  it("gives out only an entry inside the list that no credential holds", async () => {
    const db = await getDb();
    const person = await createPerson();
    const listId = `small-${crypto.randomUUID()}`;
    const outcome = db.transaction(async (tx) => {
      await tx.update(statusLists).set({ allocated: statusLists.size }).where(sql`${statusLists.allocated} * 10 < ${statusLists.size} * 9`);
      await tx.insert(statusLists).values({ id: listId, purpose: "revocation", size: 4, bits: Buffer.alloc(1) });
      const when = new Date();
      await tx.insert(credentials).values([0, 1, 2].map((statusIndex) => ({ userId: person.user.id, tier: "Tier1", items: [], kid: "test", statusListId: listId, statusIndex, issuedAt: when, expiresAt: when })));
      const entry = await allocateStatusEntry(tx);
      // The one free entry, or (when every draw missed it) a new list: never a taken entry, nor one past the end.
      if (entry.listId === listId) expect(entry.index).toBe(3);
      throw new RolledBack();
    });
    await expect(outcome).rejects.toBeInstanceOf(RolledBack);
  });

  it("closes a list whose every entry is taken and opens the next", async () => {
    const db = await getDb();
    const person = await createPerson();
    const fullId = `full-${crypto.randomUUID()}`;
    const outcome = db.transaction(async (tx) => {
      // Only the full list is open inside this transaction, which is rolled back at the end.
      await tx.update(statusLists).set({ allocated: statusLists.size }).where(sql`${statusLists.allocated} * 10 < ${statusLists.size} * 9`);
      await tx.insert(statusLists).values({ id: fullId, purpose: "revocation", size: 4, bits: Buffer.alloc(1) });
      const when = new Date();
      await tx.insert(credentials).values(
        [0, 1, 2, 3].map((statusIndex) => ({ userId: person.user.id, tier: "Tier1", items: [], kid: "test", statusListId: fullId, statusIndex, issuedAt: when, expiresAt: when })),
      );
      const entry = await allocateStatusEntry(tx);
      const [full] = await tx.select({ allocated: statusLists.allocated }).from(statusLists).where(eq(statusLists.id, fullId));
      expect(entry.listId).not.toBe(fullId);
      expect(full!.allocated).toBe(4);
      throw new RolledBack();
    });
    await expect(outcome).rejects.toBeInstanceOf(RolledBack);
  });
});
