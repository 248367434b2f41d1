import "server-only";

import { and, asc, desc, eq, inArray, isNull, lte, notExists, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";

import { recordAudit } from "@/lib/audit/log";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { identityItems, users } from "@/lib/db/schema";
import type { Item } from "@/lib/kyc/items";
import type { QueueFilter } from "@/lib/review/schemas";
import { staffEmails } from "@/lib/review/staff-names";

/**
 * The review queue (SPEC §7): pending items grouped per person, the person
 * whose oldest matching item waits longest first. A case is represented by
 * its head item (the person's oldest matching pending item), so paging walks
 * the identity_items_queue index (or, under an item type or assignee filter,
 * identity_items_queue_item or _assignee) by (submitted_at, id) and checks, per
 * row, a handful of the same person's items through identity_items_user_item:
 * the cost of a page does not grow with the length of the queue
 * (scripts/measure-queue.ts measures it at 100,000 pending items).
 */
export const QUEUE_PAGE_SIZE = 25;
const DAY_MS = 24 * 60 * 60 * 1000;

export type QueueItem = { id: string; item: Item; submittedAt: Date; assignedTo: string | null; assigneeEmail: string | null; proposed: boolean };
export type QueueCase = { userId: string; ocid: number; oldestAt: Date; items: QueueItem[]; cursor: string };
export type QueuePage = { cases: QueueCase[]; nextCursor: string | null };

export type Key = { at: Date; id: string };

export function encodeCursor(key: Key): string {
  return `${key.at.toISOString()}_${key.id}`;
}

function decodeCursor(cursor: string | undefined): Key | null {
  if (!cursor) return null;
  const split = cursor.lastIndexOf("_");
  const at = new Date(cursor.slice(0, split));
  return Number.isNaN(at.getTime()) ? null : { at, id: cursor.slice(split + 1) };
}

type ItemColumns = Record<"id" | "state" | "item" | "submittedAt" | "assignedTo", AnyPgColumn>;

function filterConditions(table: ItemColumns, filter: Omit<QueueFilter, "after">, staffId: string, now: Date): SQL[] {
  const conditions: SQL[] = [eq(table.state, "pending"), sql`${table.submittedAt} is not null`];
  if (filter.item) conditions.push(eq(table.item, filter.item));
  if (filter.assignee === "me") conditions.push(eq(table.assignedTo, staffId));
  if (filter.assignee === "unassigned") conditions.push(isNull(table.assignedTo));
  if (filter.age !== "any") conditions.push(lte(table.submittedAt, new Date(now.getTime() - Number(filter.age) * DAY_MS)));
  return conditions;
}

const keyOf = (table: ItemColumns) => sql`(${table.submittedAt}, ${table.id})`;
const keyValue = (key: Key) => sql`(${key.at.toISOString()}::timestamptz, ${key.id}::uuid)`;

type HeadOptions = { after?: Key | null; before?: Key | null; limit: number; now: Date };

/** The query for head items of cases, unexecuted, so tests can read the plan the database chooses for it. */
export function headItemsQuery(db: DbOrTx, filter: Omit<QueueFilter, "after">, staffId: string, options: HeadOptions) {
  const other = alias(identityItems, "other_item");
  const conditions = filterConditions(identityItems, filter, staffId, options.now);
  if (options.after) conditions.push(sql`${keyOf(identityItems)} > ${keyValue(options.after)}`);
  if (options.before) conditions.push(sql`${keyOf(identityItems)} < ${keyValue(options.before)}`);
  // A person has at most one item of each type (identity_items_user_item), so under a type filter every
  // matching item is its person's head; asking for an earlier one only misleads the planner.
  if (!filter.item) {
    conditions.push(
      notExists(
        db
          .select({ one: sql`1` })
          .from(other)
          .where(and(eq(other.userId, identityItems.userId), ...filterConditions(other, filter, staffId, options.now), sql`${keyOf(other)} < ${keyOf(identityItems)}`)),
      ),
    );
  }
  const order = options.before ? [desc(identityItems.submittedAt), desc(identityItems.id)] : [asc(identityItems.submittedAt), asc(identityItems.id)];
  return db
    .select({ id: identityItems.id, userId: identityItems.userId, submittedAt: identityItems.submittedAt })
    .from(identityItems)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(options.limit);
}

/** Head items of cases: each person's oldest pending item that passes the filter. */
async function headItems(db: DbOrTx, filter: Omit<QueueFilter, "after">, staffId: string, options: HeadOptions): Promise<{ id: string; userId: string; submittedAt: Date }[]> {
  const rows = await headItemsQuery(db, filter, staffId, options);
  return rows.map((row) => ({ ...row, submittedAt: row.submittedAt! }));
}

export async function listQueue(db: DbOrTx, filter: QueueFilter, staffId: string, now = new Date()): Promise<QueuePage> {
  const heads = await headItems(db, filter, staffId, { after: decodeCursor(filter.after), limit: QUEUE_PAGE_SIZE + 1, now });
  const page = heads.slice(0, QUEUE_PAGE_SIZE);
  if (page.length === 0) return { cases: [], nextCursor: null };

  const userIds = page.map((head) => head.userId);
  const [pending, people] = await Promise.all([
    db
      .select()
      .from(identityItems)
      .where(and(inArray(identityItems.userId, userIds), eq(identityItems.state, "pending")))
      .orderBy(asc(identityItems.submittedAt)),
    db.select({ id: users.id, ocid: users.ocid }).from(users).where(inArray(users.id, userIds)),
  ]);
  const emails = await staffEmails(db, pending.map((row) => row.assignedTo));
  const ocids = new Map(people.map((person) => [person.id, person.ocid]));

  const cases = page.map((head) => ({
    userId: head.userId,
    ocid: ocids.get(head.userId) ?? 0,
    oldestAt: head.submittedAt,
    cursor: encodeCursor({ at: head.submittedAt, id: head.id }),
    items: pending
      .filter((row) => row.userId === head.userId)
      .map((row) => ({
        id: row.id,
        item: row.item,
        submittedAt: row.submittedAt ?? row.updatedAt,
        assignedTo: row.assignedTo,
        assigneeEmail: row.assignedTo ? (emails.get(row.assignedTo) ?? null) : null,
        proposed: row.proposedBy !== null,
      })),
  }));
  const last = page[page.length - 1]!;
  return { cases, nextCursor: heads.length > QUEUE_PAGE_SIZE ? encodeCursor({ at: last.submittedAt, id: last.id }) : null };
}

const EVERYTHING: Omit<QueueFilter, "after"> = { assignee: "anyone", age: "any" };

/** The person's place in the unfiltered queue: their oldest pending item. */
export async function caseKey(db: DbOrTx, userId: string): Promise<Key | null> {
  const [head] = await db
    .select({ id: identityItems.id, at: identityItems.submittedAt })
    .from(identityItems)
    .where(and(eq(identityItems.userId, userId), eq(identityItems.state, "pending"), sql`${identityItems.submittedAt} is not null`))
    .orderBy(asc(identityItems.submittedAt), asc(identityItems.id))
    .limit(1);
  return head ? { at: head.at!, id: head.id } : null;
}

/**
 * The case after (or before) this person's in queue order, for J/K and for
 * moving on after a decision. `fromKey` is where the person stood before a
 * decision emptied their case.
 */
export async function adjacentCase(
  db: DbOrTx,
  userId: string,
  direction: "next" | "previous",
  fromKey?: Key | null,
): Promise<string | null> {
  const key = fromKey ?? (await caseKey(db, userId));
  const now = new Date();
  if (!key) {
    const [first] = await headItems(db, EVERYTHING, "", { limit: 2, now });
    return first && first.userId !== userId ? first.userId : null;
  }
  const rows = await headItems(db, EVERYTHING, "", direction === "next" ? { after: key, limit: 2, now } : { before: key, limit: 2, now });
  return rows.find((row) => row.userId !== userId)?.userId ?? null;
}


/** "Assign to me": the reviewer takes every pending item of the person. */
export async function assignCase(tx: Tx, staffId: string, userId: string): Promise<number> {
  await assertStaffMay(tx, staffId, "items.decide");
  const taken = await tx
    .update(identityItems)
    .set({ assignedTo: staffId })
    .where(and(eq(identityItems.userId, userId), eq(identityItems.state, "pending")))
    .returning({ item: identityItems.item });
  if (taken.length > 0) {
    await recordAudit(tx, { actor: { type: "staff", id: staffId }, action: "case.assigned", subjectUserId: userId, details: { items: taken.map((row) => row.item) } });
  }
  return taken.length;
}
