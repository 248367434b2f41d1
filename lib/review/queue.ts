import "server-only";

import { and, asc, count, countDistinct, desc, eq, inArray, isNotNull, isNull, lte, notExists, or, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";

import { recordAudit } from "@/lib/audit/log";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { DbOrTx, Tx } from "@/lib/db/client";
import { checkResults, identityItems, users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { decodeItem } from "@/lib/items/store";
import { IDENTITY_DOCUMENTS, type Item } from "@/lib/items/items";
import { latestScreening } from "@/lib/review/decide";
import type { QueueFilter } from "@/lib/review/schemas";
import { staffEmails } from "@/lib/review/staff-names";

/**
 * The review queue (SPEC §7): pending items grouped per person. Possible sanctions matches
 * come first (the risk tier), then everything else in four bands: past the review SLA with
 * concerns from the automated checks (a failed or low-scoring check, a quality warning), past
 * the SLA without, then within the SLA with concerns, and without; in each band the person
 * whose oldest matching item waits longest first. Items that wait on the person (a declared
 * address whose proof of address was sent back) are not actionable: they are listed apart and
 * never head a case.
 *
 * A case is represented by its head item (the person's oldest matching actionable item), so
 * paging walks the identity_items_queue index (or, under an item type or assignee filter,
 * identity_items_queue_item or _assignee) by (submitted_at, id) and checks, per row, a
 * handful of the same person's items through identity_items_user_item: the cost of a page
 * does not grow with the length of the queue (scripts/measure-queue.ts measures it).
 */
export const QUEUE_PAGE_SIZE = 25;
const DAY_MS = 24 * 60 * 60 * 1000;

export type QueueItem = { id: string; item: Item; submittedAt: Date; assignedTo: string | null; assigneeEmail: string | null; proposed: boolean };
export type SanctionsHit = { score: number; listVersion: string; entryName: string };
export type QueueCase = {
  userId: string;
  ocid: number;
  name: string | null;
  oldestAt: Date;
  items: QueueItem[];
  cursor: string;
  sanctions: SanctionsHit | null;
  /** Concerns the automated checks found on the pending items; null when no checks ran on them. */
  concerns: number | null;
};
export type QueueCounts = { people: number; items: number; waitingPeople: number };
export type QueuePage = { risk: QueueCase[]; cases: QueueCase[]; nextCursor: string | null; counts: QueueCounts; waiting: QueueCase[] };

/** The routine tier's bands, in queue order (see above). */
const BANDS = [
  { overdue: true, concerns: true },
  { overdue: true, concerns: false },
  { overdue: false, concerns: true },
  { overdue: false, concerns: false },
] as const;
export type Band = 0 | 1 | 2 | 3;
const bandOf = (overdue: boolean, concerns: boolean) => BANDS.findIndex((b) => b.overdue === overdue && b.concerns === concerns) as Band;

/** A case's place in its tier: its band (routine tier; 0 in the risk tier), then its head item's age. */
export type Key = { band: Band; at: Date; id: string };
export type Tier = "risk" | "routine";

export function encodeCursor(key: Key): string {
  return `${key.band}~${key.at.toISOString()}_${key.id}`;
}

function decodeCursor(cursor: string | undefined): Key | null {
  if (!cursor) return null;
  const match = /^([0-3])~(.+)_([^_]+)$/.exec(cursor);
  if (!match) return null;
  const at = new Date(match[2]!);
  return Number.isNaN(at.getTime()) ? null : { band: Number(match[1]) as Band, at, id: match[3]! };
}

type ItemColumns = Record<"id" | "userId" | "state" | "item" | "submittedAt" | "assignedTo" | "proposedBy", AnyPgColumn>;
type Filter = Omit<QueueFilter, "after">;

const DECLARED_AGAINST_DOCUMENTS: Item[] = ["name", "date_of_birth", "nationality"];

/**
 * True for a declared item whose evidence is neither verified nor waiting for review: nothing
 * a reviewer can do until the person sends a document. The same rule as approvalBlocker, in SQL.
 */
function waitsOnPerson(db: DbOrTx, table: ItemColumns, now: Date): SQL {
  const evidence = alias(identityItems, "evidence_item");
  const none = (items: readonly Item[]) =>
    notExists(
      db
        .select({ one: sql`1` })
        .from(evidence)
        .where(
          and(
            eq(evidence.userId, table.userId),
            inArray(evidence.item, [...items]),
            or(eq(evidence.state, "pending"), and(eq(evidence.state, "verified"), or(isNull(evidence.expiresAt), sql`${evidence.expiresAt} > ${now.toISOString()}::timestamptz`))),
          ),
        ),
    );
  return or(and(inArray(table.item, DECLARED_AGAINST_DOCUMENTS), none(IDENTITY_DOCUMENTS)), and(eq(table.item, "address"), none(["proof_of_address"])))!;
}

/** What every listed item passes, whatever its tier: pending, submitted, and the reviewer's filters. */
function baseConditions(table: ItemColumns, filter: Filter, staffId: string, now: Date): SQL[] {
  const conditions: SQL[] = [eq(table.state, "pending"), sql`${table.submittedAt} is not null`];
  if (filter.item) conditions.push(eq(table.item, filter.item));
  if (filter.assignee === "me") conditions.push(eq(table.assignedTo, staffId));
  if (filter.assignee === "unassigned") conditions.push(isNull(table.assignedTo));
  if (filter.age !== "any") conditions.push(lte(table.submittedAt, new Date(now.getTime() - Number(filter.age) * DAY_MS)));
  if (filter.stage === "awaiting_second") conditions.push(isNotNull(table.proposedBy));
  return conditions;
}

function actionableConditions(db: DbOrTx, table: ItemColumns, filter: Filter, staffId: string, now: Date, tier: Tier): SQL[] {
  const conditions = [...baseConditions(table, filter, staffId, now), sql`not ${waitsOnPerson(db, table, now)}`];
  if (tier === "risk") conditions.push(eq(table.item, "aml"));
  else if (!filter.item) {
    // A person with a sanctions match is listed in the risk tier, once.
    const aml = alias(identityItems, "aml_item");
    conditions.push(notExists(db.select({ one: sql`1` }).from(aml).where(and(eq(aml.userId, table.userId), ...baseConditions(aml, { ...filter, item: "aml" }, staffId, now)))));
  }
  return conditions;
}

const keyOf = (table: ItemColumns) => sql`(${table.submittedAt}, ${table.id})`;
const keyValue = (key: Key) => sql`(${key.at.toISOString()}::timestamptz, ${key.id}::uuid)`;

/** Items older than this wait past the review SLA. */
const slaCutoff = (now: Date) => new Date(now.getTime() - getEnv().reviewSlaHours * 3_600_000);

/** The person has a pending item on which the automated checks found something for a reviewer to look at. */
function hasConcerns(db: DbOrTx, table: ItemColumns): SQL {
  const checked = alias(identityItems, "checked_item");
  return sql`exists (${db
    .select({ one: sql`1` })
    .from(checkResults)
    .innerJoin(checked, and(eq(checked.userId, checkResults.userId), eq(checked.item, checkResults.item)))
    .where(and(eq(checkResults.userId, table.userId), sql`${checkResults.concerns} > 0`, eq(checked.state, "pending")))})`;
}

function bandConditions(db: DbOrTx, table: ItemColumns, band: Band, now: Date): SQL[] {
  const { overdue, concerns } = BANDS[band]!;
  const cutoff = slaCutoff(now);
  return [overdue ? lte(table.submittedAt, cutoff) : sql`${table.submittedAt} > ${cutoff.toISOString()}::timestamptz`, concerns ? hasConcerns(db, table) : sql`not ${hasConcerns(db, table)}`];
}

/** `before` walks backwards from a key; `backwards` without it from the end of the band. */
type HeadOptions = { after?: Key | null; before?: Key | null; backwards?: boolean; limit: number; now: Date; tier?: Tier; band?: Band };

/** The query for head items of cases, unexecuted, so tests can read the plan the database chooses for it. */
export function headItemsQuery(db: DbOrTx, filter: Filter, staffId: string, options: HeadOptions) {
  const tier = options.tier ?? "routine";
  const other = alias(identityItems, "other_item");
  const conditions = actionableConditions(db, identityItems, filter, staffId, options.now, tier);
  if (options.band !== undefined) conditions.push(...bandConditions(db, identityItems, options.band, options.now));
  if (options.after) conditions.push(sql`${keyOf(identityItems)} > ${keyValue(options.after)}`);
  if (options.before) conditions.push(sql`${keyOf(identityItems)} < ${keyValue(options.before)}`);
  // A person has at most one item of each type (identity_items_user_item), so under a type filter (or in the
  // risk tier, whose heads are the aml items) every matching item is its person's head; asking for an earlier
  // one only misleads the planner.
  if (!filter.item && tier === "routine") {
    conditions.push(
      notExists(
        db
          .select({ one: sql`1` })
          .from(other)
          .where(and(eq(other.userId, identityItems.userId), ...actionableConditions(db, other, filter, staffId, options.now, tier), sql`${keyOf(other)} < ${keyOf(identityItems)}`)),
      ),
    );
  }
  const order = options.before || options.backwards ? [desc(identityItems.submittedAt), desc(identityItems.id)] : [asc(identityItems.submittedAt), asc(identityItems.id)];
  return db
    .select({ id: identityItems.id, userId: identityItems.userId, submittedAt: identityItems.submittedAt })
    .from(identityItems)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(options.limit);
}

type Head = { id: string; userId: string; submittedAt: Date; band: Band };

/**
 * Head items of cases in queue order: each person's oldest actionable pending item that passes the
 * filter. The routine tier is walked band by band from the key's band, each band by its index.
 */
async function headItems(db: DbOrTx, filter: Filter, staffId: string, options: HeadOptions): Promise<Head[]> {
  const key = options.after ?? options.before;
  const backwards = !!options.before || !!options.backwards;
  const walk = async (band: Band | undefined, bound: Pick<HeadOptions, "after" | "before">, limit: number) =>
    (await headItemsQuery(db, filter, staffId, { ...options, after: null, before: null, backwards, ...bound, band, limit })).map((row) => ({ ...row, submittedAt: row.submittedAt!, band: band ?? 0 }));
  if ((options.tier ?? "routine") === "risk") return walk(undefined, options, options.limit);
  const bands = ([0, 1, 2, 3] as const).filter((band) => !key || (backwards ? band <= key.band : band >= key.band));
  if (backwards) bands.reverse();
  const heads: Head[] = [];
  for (const band of bands) {
    if (heads.length >= options.limit) break;
    const bound = key && band === key.band ? (backwards ? { before: key } : { after: key }) : {};
    heads.push(...(await walk(band, bound, options.limit - heads.length)));
  }
  return heads;
}

/** The people's full names, from their name item (declared or verified), decrypted for staff. */
async function namesOf(db: DbOrTx, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(identityItems)
    .where(and(inArray(identityItems.userId, userIds), eq(identityItems.item, "name"), isNotNull(identityItems.valueEnc)));
  const names = new Map<string, string>();
  for (const row of rows) {
    const value = decodeItem(row).value as { full_name?: unknown } | null;
    if (typeof value?.full_name === "string" && value.full_name) names.set(row.userId, value.full_name);
  }
  return names;
}

/** Per person with checked pending items: how many concerns the checks found on them. */
async function concernsOf(db: DbOrTx, userIds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ userId: checkResults.userId, concerns: sql<number>`sum(${checkResults.concerns})::int` })
    .from(checkResults)
    .innerJoin(identityItems, and(eq(identityItems.userId, checkResults.userId), eq(identityItems.item, checkResults.item)))
    .where(and(inArray(checkResults.userId, userIds), eq(identityItems.state, "pending"), sql`${checkResults.outcome} <> 'pending'`))
    .groupBy(checkResults.userId);
  return new Map(rows.map((row) => [row.userId, Number(row.concerns)]));
}

/** Turns head items into cases: every pending item of each person, their name, and their best sanctions match. */
async function casesOf(db: DbOrTx, heads: Head[], options: { withSanctions: boolean }): Promise<QueueCase[]> {
  if (heads.length === 0) return [];
  const userIds = heads.map((head) => head.userId);
  const [pending, people, names, checked] = await Promise.all([
    db
      .select()
      .from(identityItems)
      .where(and(inArray(identityItems.userId, userIds), eq(identityItems.state, "pending")))
      .orderBy(asc(identityItems.submittedAt)),
    db.select({ id: users.id, ocid: users.ocid }).from(users).where(inArray(users.id, userIds)),
    namesOf(db, userIds),
    concernsOf(db, userIds),
  ]);
  const emails = await staffEmails(db, pending.map((row) => row.assignedTo));
  const ocids = new Map(people.map((person) => [person.id, person.ocid]));
  const sanctions = new Map<string, SanctionsHit>();
  if (options.withSanctions) {
    for (const userId of userIds) {
      const screening = await latestScreening(db, userId);
      const best = screening?.matches.reduce((top, match) => (match.score > top.score ? match : top), screening.matches[0]!);
      if (screening && best) sanctions.set(userId, { score: best.score, listVersion: screening.listVersion, entryName: best.name });
    }
  }
  return heads.map((head) => ({
    userId: head.userId,
    ocid: ocids.get(head.userId) ?? 0,
    name: names.get(head.userId) ?? null,
    oldestAt: head.submittedAt,
    cursor: encodeCursor({ band: head.band, at: head.submittedAt, id: head.id }),
    sanctions: sanctions.get(head.userId) ?? null,
    concerns: checked.get(head.userId) ?? null,
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
}

/** How many people and items the filter leaves in the actionable queue, and how many people the queue waits on. */
async function countQueue(db: DbOrTx, filter: Filter, staffId: string, now: Date): Promise<QueueCounts> {
  const [[actionable], [waiting]] = await Promise.all([
    db
      .select({ people: countDistinct(identityItems.userId), items: count() })
      .from(identityItems)
      .where(and(...baseConditions(identityItems, filter, staffId, now), sql`not ${waitsOnPerson(db, identityItems, now)}`)),
    db
      .select({ people: countDistinct(identityItems.userId) })
      .from(identityItems)
      .where(and(...baseConditions(identityItems, filter, staffId, now), waitsOnPerson(db, identityItems, now))),
  ]);
  return { people: actionable?.people ?? 0, items: actionable?.items ?? 0, waitingPeople: waiting?.people ?? 0 };
}

/** People with items that wait on them, oldest first; shown apart, never the current item. */
async function waitingCases(db: DbOrTx, filter: Filter, staffId: string, now: Date): Promise<QueueCase[]> {
  const rows = await db
    .select({ id: identityItems.id, userId: identityItems.userId, submittedAt: identityItems.submittedAt })
    .from(identityItems)
    .where(and(...baseConditions(identityItems, filter, staffId, now), waitsOnPerson(db, identityItems, now)))
    .orderBy(asc(identityItems.submittedAt), asc(identityItems.id))
    .limit(QUEUE_PAGE_SIZE * 2);
  const heads = new Map<string, Head>();
  for (const row of rows) if (!heads.has(row.userId)) heads.set(row.userId, { ...row, submittedAt: row.submittedAt!, band: 0 });
  return casesOf(db, [...heads.values()].slice(0, QUEUE_PAGE_SIZE), { withSanctions: false });
}

export async function listQueue(db: DbOrTx, filter: QueueFilter, staffId: string, now = new Date()): Promise<QueuePage> {
  const after = decodeCursor(filter.after);
  const riskShown = !filter.item || filter.item === "aml";
  const routineShown = filter.item !== "aml";
  const [riskHeads, heads, counts, waiting] = await Promise.all([
    riskShown && !after ? headItems(db, filter, staffId, { limit: QUEUE_PAGE_SIZE, now, tier: "risk" }) : Promise.resolve([]),
    routineShown ? headItems(db, filter, staffId, { after, limit: QUEUE_PAGE_SIZE + 1, now }) : Promise.resolve([]),
    countQueue(db, filter, staffId, now),
    after ? Promise.resolve([]) : waitingCases(db, filter, staffId, now),
  ]);
  const page = heads.slice(0, QUEUE_PAGE_SIZE);
  const [risk, cases] = await Promise.all([casesOf(db, riskHeads, { withSanctions: true }), casesOf(db, page, { withSanctions: false })]);
  const last = page[page.length - 1];
  return { risk, cases, counts, waiting, nextCursor: last && heads.length > QUEUE_PAGE_SIZE ? encodeCursor({ band: last.band, at: last.submittedAt, id: last.id }) : null };
}

const EVERYTHING: Filter = { assignee: "anyone", age: "any", stage: "all" };

/** The person's place in the unfiltered queue: their tier and the head of their case there. */
export async function caseKey(db: DbOrTx, userId: string): Promise<(Key & { tier: Tier }) | null> {
  const now = new Date();
  for (const tier of ["risk", "routine"] as const) {
    const [head] = await db
      .select({ id: identityItems.id, at: identityItems.submittedAt })
      .from(identityItems)
      .where(and(eq(identityItems.userId, userId), ...actionableConditions(db, identityItems, EVERYTHING, "", now, tier)))
      .orderBy(asc(identityItems.submittedAt), asc(identityItems.id))
      .limit(1);
    if (!head) continue;
    if (tier === "risk") return { band: 0, at: head.at!, id: head.id, tier };
    const [concerns] = await db.select({ any: hasConcerns(db, identityItems) }).from(identityItems).where(eq(identityItems.id, head.id));
    return { band: bandOf(head.at! <= slaCutoff(now), !!concerns?.any), at: head.at!, id: head.id, tier };
  }
  return null;
}

/**
 * The case after (or before) this person's in queue order (the risk tier, then the rest),
 * for J/K and for moving on after a decision. `fromKey` is where the person stood before a
 * decision emptied their case.
 */
export async function adjacentCase(db: DbOrTx, userId: string, direction: "next" | "previous", fromKey?: (Key & { tier: Tier }) | null): Promise<string | null> {
  const key = fromKey ?? (await caseKey(db, userId));
  const now = new Date();
  const find = async (tier: Tier, bound: { after?: Key; before?: Key }) =>
    (await headItems(db, EVERYTHING, "", { ...bound, limit: 2, now, tier })).find((row) => row.userId !== userId)?.userId ?? null;
  if (!key) return (await find("risk", {})) ?? (await find("routine", {}));
  if (direction === "next") {
    const same = await find(key.tier, { after: key });
    return same ?? (key.tier === "risk" ? await find("routine", {}) : null);
  }
  const same = await find(key.tier, { before: key });
  if (same || key.tier === "risk") return same;
  const [last] = await db
    .select({ userId: identityItems.userId })
    .from(identityItems)
    .where(and(...actionableConditions(db, identityItems, EVERYTHING, "", now, "risk"), sql`${identityItems.userId} <> ${userId}`))
    .orderBy(desc(identityItems.submittedAt), desc(identityItems.id))
    .limit(1);
  return last?.userId ?? null;
}

/**
 * Assigns every pending item of the person to a reviewer ("assign to me", or to a named
 * colleague), or back to nobody. The assignee must be allowed to decide items now.
 */
export async function assignCase(tx: Tx, staffId: string, userId: string, assigneeId: string | null = staffId): Promise<number> {
  await assertStaffMay(tx, staffId, "items.decide");
  if (assigneeId !== null && assigneeId !== staffId) {
    try {
      await assertStaffMay(tx, assigneeId, "items.decide");
    } catch {
      throw new AppError("INVALID_REQUEST", "Assign cases only to staff who may decide items.", { field: "assignee" });
    }
  }
  const taken = await tx
    .update(identityItems)
    .set({ assignedTo: assigneeId })
    .where(and(eq(identityItems.userId, userId), eq(identityItems.state, "pending")))
    .returning({ item: identityItems.item });
  if (taken.length > 0) {
    await recordAudit(tx, {
      actor: { type: "staff", id: staffId },
      action: assigneeId === null ? "case.unassigned" : "case.assigned",
      subjectUserId: userId,
      details: { items: taken.map((row) => row.item), ...(assigneeId !== null && { assignee: assigneeId }) },
    });
  }
  return taken.length;
}

/** Staff who may decide items, for the assignment menu. */
export async function listReviewers(db: DbOrTx): Promise<{ id: string; email: string }[]> {
  const rows = await db.select({ id: users.id }).from(users).where(inArray(users.role, ["reviewer", "admin"]));
  const emails = await staffEmails(db, rows.map((row) => row.id));
  return rows.map((row) => ({ id: row.id, email: emails.get(row.id) ?? "unknown" })).sort((a, b) => a.email.localeCompare(b.email));
}
