import { desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { recordAudit } from "@/lib/audit/log";
import { sequenceAll, verifyAuditLog, type LogReport } from "@/lib/transparency/tree";
import { getDb } from "@/lib/db/client";
import { amlScreenings, auditLog, credentials, identityItems, itemHistory, statusLists } from "@/lib/db/schema";
import { statusBit } from "@/lib/credentials/revocation";
import { allocateStatusEntry } from "@/lib/credentials/status-list";
import { getItem } from "@/lib/items/store";
import { decideItem, HISTORY_NOTE_PURPOSE } from "@/lib/review/decide";
import { adjacentCase, assignCase, headItemsQuery, listQueue } from "@/lib/review/queue";
import { decryptText, encryptJson } from "@/lib/security/encryption";
import { viewItemsAsPartner } from "@/lib/partner-api/view";
import { createUser, setGrants, uniquePartnerOcid } from "@/tests/support/factories";

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const passport = { number: "X1234567", country: "NG", issued_at: "2021-01-01", expires_at: "2031-01-01", images: { front: crypto.randomUUID() } };

async function staff(role: "reviewer" | "admin" | "auditor" = "reviewer") {
  const user = await createUser({ role });
  return { id: user.id, role };
}

describe("review queue", () => {
  it("groups a person's pending items into one case and pages by keyset without repeats", async () => {
    const db = await getDb();
    const reviewer = await staff();
    // Far in the past, so these cases come before anything other test files create.
    const base = 4000 + Math.floor(Math.random() * 1000);
    const older = await createUser({ items: { passport: { state: "pending", value: passport, verifiedAt: ago(base + 2) }, name: { state: "pending", value: { full_name: "A" }, verifiedAt: ago(base - 1) } } });
    const newer = await createUser({ items: { id_card: { state: "pending", value: passport, verifiedAt: ago(base + 1) } } });

    const first = await listQueue(db, { assignee: "anyone", age: String(7) as "7" }, reviewer.id);
    const ids = first.cases.map((c) => c.userId);
    expect(ids.indexOf(older.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    const olderCase = first.cases.find((c) => c.userId === older.id)!;
    expect(olderCase.items.map((i) => i.item).sort()).toEqual(["name", "passport"]);
    // Paging from the older case's cursor starts after it and never shows it again.
    const next = await listQueue(db, { assignee: "anyone", age: "7", after: olderCase.cursor }, reviewer.id);
    expect(next.cases.map((c) => c.userId)).not.toContain(older.id);
    expect(next.cases[0]?.userId).toBe(ids[ids.indexOf(older.id) + 1]);

    expect(await adjacentCase(db, older.id, "next")).toBe(ids[ids.indexOf(older.id) + 1]);
    expect(await adjacentCase(db, newer.id, "previous")).toBe(ids[ids.indexOf(newer.id) - 1]);
  });

  it("filters by item type and assignee, and 'assign to me' takes the case", async () => {
    const db = await getDb();
    const reviewer = await staff();
    const person = await createUser({ items: { liveness: { state: "pending", value: { images: { selfie: crypto.randomUUID() } } } } });
    const mine = () => listQueue(db, { assignee: "me", age: "any", item: "liveness" }, reviewer.id);
    expect((await mine()).cases.map((c) => c.userId)).not.toContain(person.id);
    await db.transaction((tx) => assignCase(tx, reviewer.id, person.id));
    expect((await mine()).cases.map((c) => c.userId)).toEqual([person.id]);
    const unassigned = await listQueue(db, { assignee: "unassigned", age: "any", item: "liveness" }, reviewer.id);
    expect(unassigned.cases.map((c) => c.userId)).not.toContain(person.id);
  });
});

/**
 * The plan the database chooses for a query over a queue of some thousands of items. They are
 * written in a transaction that is rolled back, so no other test ever sees them.
 */
async function planAtScale(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
  const { sql: text, params } = query.toSQL();
  const literal = (value: unknown) => `'${(value instanceof Date ? value.toISOString() : String(value)).replace(/'/g, "''")}'`;
  const inlined = text.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
  const rolledBack = new Error("roll back the generated queue");
  let plan = "";
  await expect(
    (await getDb()).transaction(async (tx) => {
      await tx.execute(sql`
        with people as (insert into users (id) select gen_random_uuid()::text from generate_series(1, 500) returning id)
        insert into identity_items (user_id, item, state, submitted_at)
        select people.id, i.item, 'pending', now() - random() * interval '60 days'
        from people cross join (select unnest(enum_range(null::item_name)) as item limit 10) i`);
      const result = await tx.execute(sql.raw(`explain ${inlined}`));
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { "QUERY PLAN": string }[];
      plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
      throw rolledBack;
    }),
  ).rejects.toBe(rolledBack);
  return plan;
}

describe("review queue at scale", () => {
  // scripts/measure-queue.ts times these at 100,000 pending items; here: that each walk starts at its filter's value.
  const walks = [
    { name: "the whole queue, from a cursor", filter: { assignee: "anyone", age: "any" }, after: true, index: "identity_items_queue" },
    { name: "one item type", filter: { item: "nationality", assignee: "anyone", age: "any" }, after: false, index: "identity_items_queue_item" },
    { name: "the reviewer's own cases", filter: { assignee: "me", age: "any" }, after: false, index: "identity_items_queue_assignee" },
    { name: "unassigned cases older than a week", filter: { assignee: "unassigned", age: "7" }, after: false, index: "identity_items_queue(_assignee)?" },
  ] as const;
  it.each(walks)("walks an index for $name", async ({ filter, after, index }) => {
    const query = headItemsQuery(await getDb(), filter, crypto.randomUUID(), { limit: 26, now: new Date(), band: 1, after: after ? { band: 1, at: ago(30), id: crypto.randomUUID() } : null });
    const plan = await planAtScale(query);
    expect(plan).toMatch(new RegExp(`(Index Scan using ${index} on identity_items|Bitmap Index Scan on ${index})\\s`));
    // The walk itself never reads the whole table. A hashed subplan over the few evidence rows
    // (an alias follows the table name) may be a sequential scan when the table is small.
    expect(plan).not.toMatch(/Seq Scan on identity_items\s+\(/);
  });
});

describe("decisions", () => {
  it("approves a declared item only against a verified identity document", async () => {
    const db = await getDb();
    const reviewer = await staff();
    const person = await createUser({
      items: { passport: { state: "pending", value: passport }, name: { state: "pending", value: { first_name: "Bo", last_name: "Ok", full_name: "Bo Ok" } } },
    });
    await expect(decideItem(db, reviewer.id, person.id, { decision: "approve", item: "name" })).rejects.toThrow(/identity document first/);
    expect((await getItem(db, person.id, "name"))?.state).toBe("pending");

    expect(await decideItem(db, reviewer.id, person.id, { decision: "approve", item: "passport" })).toEqual({ state: "verified" });
    const approved = await getItem(db, person.id, "passport");
    expect(approved?.state).toBe("verified");
    expect(approved!.expiresAt!.toISOString().slice(0, 10) <= "2031-01-01").toBe(true);
    expect(await decideItem(db, reviewer.id, person.id, { decision: "approve", item: "name" })).toEqual({ state: "verified" });

    const entries = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, person.id));
    expect(entries.map((e) => e.action).sort()).toEqual(["item.approved", "item.approved"]);
    expect(entries.every((e) => e.actorId === reviewer.id)).toBe(true);
    // A decided item is not decided twice.
    await expect(decideItem(db, reviewer.id, person.id, { decision: "approve", item: "passport" })).rejects.toThrow(/not pending/);
  });

  it("refuses an address without a verified proof of address", async () => {
    const db = await getDb();
    const person = await createUser({ items: { passport: { state: "verified", value: passport }, address: { state: "pending", value: { city: "Lagos" } } } });
    await expect(decideItem(db, (await staff()).id, person.id, { decision: "approve", item: "address" })).rejects.toThrow(/proof of address first/);
  });

  it("rejects with a reason, a note for the user and an internal note", async () => {
    const db = await getDb();
    const person = await createUser({ items: { id_card: { state: "pending", value: passport } } });
    await decideItem(db, (await staff("admin")).id, person.id, { decision: "reject", item: "id_card", reason: "unreadable", noteToUser: "The photo is blurred.", internalNote: "glare" });
    const [row] = await db.select().from(identityItems).where(eq(identityItems.userId, person.id));
    expect(row).toMatchObject({ state: "rejected", rejectionReason: "unreadable", noteToUser: "The photo is blurred.", internalNote: "glare" });
  });

  it("refuses an auditor on the server", async () => {
    const db = await getDb();
    const person = await createUser({ items: { id_card: { state: "pending", value: passport } } });
    await expect(decideItem(db, (await staff("auditor")).id, person.id, { decision: "approve", item: "id_card" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getItem(db, person.id, "id_card"))?.state).toBe("pending");
  });

  it("needs two different reviewers to approve an AML match", async () => {
    const db = await getDb();
    const person = await createUser({ items: { aml: { state: "pending", value: { status: "hit", checked_at: new Date().toISOString(), list: "test@1" } } } });
    await db.insert(amlScreenings).values({
      userId: person.id,
      listVersion: "test@1",
      status: "hit",
      matchesEnc: encryptJson([{ entryId: "x-1", name: "Someone Similar", matchedName: "Someone Similar", score: 0.93, birthDates: [], countries: ["ng"] }], "aml_screenings.matches"),
    });
    const first = await staff();
    const second = await staff();
    // Clearing a match needs a reason, recorded in the history with the reviewer's note (sealed).
    await expect(decideItem(db, first.id, person.id, { decision: "approve", item: "aml" })).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    expect(await decideItem(db, first.id, person.id, { decision: "approve", item: "aml", clearance: "different_birth_date", clearanceNote: "born 1990, entry 1961" })).toEqual({ state: "proposed" });
    const proposal = await db.select().from(itemHistory).where(eq(itemHistory.action, "review.approval_proposed")).orderBy(desc(itemHistory.id)).limit(1);
    expect(proposal[0]?.reason).toBe("clearance.different_birth_date");
    expect(proposal[0]?.noteEnc).not.toContain("1961");
    expect(decryptText(proposal[0]!.noteEnc!, HISTORY_NOTE_PURPOSE)).toBe("born 1990, entry 1961");
    const proposed = await db.select().from(identityItems).where(eq(identityItems.userId, person.id));
    expect(proposed[0]).toMatchObject({ state: "pending", proposedBy: first.id });
    await expect(decideItem(db, first.id, person.id, { decision: "approve", item: "aml" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await decideItem(db, second.id, person.id, { decision: "approve", item: "aml" })).toEqual({ state: "verified" });
    const aml = await getItem(db, person.id, "aml");
    expect(aml).toMatchObject({ state: "verified", value: { status: "clear" } });
  });
});

describe("effects of decisions", () => {
  it("changes what a granted partner's validate reports at once", async () => {
    const db = await getDb();
    const reviewer = await staff();
    const person = await createUser({
      items: {
        passport: { state: "pending", value: passport },
        name: { state: "pending", value: { first_name: "Bo", last_name: "Ok", full_name: "Bo Ok" } },
        date_of_birth: { state: "pending", value: "1985-09-30" },
      },
    });
    const partner = { ocid: uniquePartnerOcid(), allowedGrants: ["passport", "name", "date_of_birth"] as const };
    await setGrants(person.id, partner.ocid, { passport: "granted", name: "granted", date_of_birth: "granted" });
    const statuses = async () => {
      const { view } = await viewItemsAsPartner(db, person.ocid, { ocid: partner.ocid, allowedGrants: [...partner.allowedGrants] });
      return [view.passport.status, view.name.status, view.date_of_birth.status];
    };
    expect(await statuses()).toEqual(["pending", "pending", "pending"]);
    for (const item of ["passport", "name", "date_of_birth"] as const) await decideItem(db, reviewer.id, person.id, { decision: "approve", item });
    expect(await statuses()).toEqual(["verified", "verified", "verified"]);
  });

  it("revokes a credential that relied on a rejected item, in the decision's transaction", async () => {
    const db = await getDb();
    const person = await createUser({ items: { liveness: { state: "pending", value: { images: { selfie: crypto.randomUUID() } } } } });
    // A real status entry: other files on a shared PostgreSQL database issue from the same lists.
    const entry = await db.transaction((tx) => allocateStatusEntry(tx));
    const [credential] = await db
      .insert(credentials)
      .values({ userId: person.id, tier: "basic", items: ["liveness", "name"], kid: "k1", statusListId: entry.listId, statusIndex: entry.index, issuedAt: new Date(), expiresAt: new Date(Date.now() + DAY) })
      .returning();
    await decideItem(db, (await staff()).id, person.id, { decision: "reject", item: "liveness", reason: "suspected_fraud", noteToUser: "Please retake the selfie." });
    const [after] = await db.select().from(credentials).where(eq(credentials.id, credential!.id));
    expect(after?.revokedAt).toBeInstanceOf(Date);
    const [list] = await db.select().from(statusLists).where(eq(statusLists.id, entry.listId));
    expect(statusBit(list!.bits, entry.index)).toBe(true);
    const actions = (await db.select().from(auditLog).where(eq(auditLog.subjectUserId, person.id))).map((entry) => entry.action).sort();
    expect(actions).toEqual(["credential.revoked", "item.rejected"]);
  });
});

describe("audit chain in the console", () => {
  it("names exactly the altered entry", async () => {
    const db = await getDb();
    const person = await createUser();
    await db.transaction(async (tx) => {
      for (const action of ["test.one", "test.two", "test.three"]) await recordAudit(tx, { actor: { type: "system" }, action, subjectUserId: person.id });
    });
    await sequenceAll(db);
    const mine = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, person.id)).orderBy(auditLog.id);
    const target = mine[1]!;
    // The forgery lives only inside a transaction that is rolled back: on PostgreSQL other
    // files share the log and check the whole chain, and must never see the altered row.
    const rolledBack = new Error("roll back the forged entry");
    let check: LogReport | undefined;
    const forged = db.transaction(async (tx) => {
      await tx.update(auditLog).set({ details: { forged: true } }).where(eq(auditLog.id, target.id));
      check = await verifyAuditLog(tx);
      throw rolledBack;
    });
    await expect(forged).rejects.toBe(rolledBack);
    expect(check).toMatchObject({ ok: false, findings: [{ kind: "edited", entryId: target.id, leafIndex: target.leafIndex, message: expect.stringMatching(/does not match/) }] });
    const [after] = await db.select().from(auditLog).where(eq(auditLog.id, target.id));
    expect(after).toEqual(target);
    expect((await verifyAuditLog(db)).ok).toBe(true);
  });
});
