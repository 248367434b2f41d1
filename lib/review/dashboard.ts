import "server-only";

import { and, eq, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { identityItems, itemHistory } from "@/lib/db/schema";
import type { Item } from "@/lib/items/items";
import { staffEmails } from "@/lib/review/staff-names";

/**
 * What the console home shows a reviewer before the queue: how much waits and for how long,
 * what is overdue, who decided what today, and how long a decision takes. Counts only: no
 * person is named here.
 */
export type PendingByType = { item: Item; underDay: number; oneToThreeDays: number; overThreeDays: number; total: number };
export type ReviewDashboard = {
  pending: PendingByType[];
  overdue: number;
  slaHours: number;
  decisionsToday: { reviewer: string; decisions: number }[];
  /** Median hours from submission to decision over the last 7 days; null with no decision. */
  medianHours: number | null;
  decisionsLastWeek: number;
};

const DECISIONS = ["review.approved", "review.rejected", "review.resubmission_requested", "review.approval_proposed"];
const HOUR_MS = 3_600_000;

export async function loadReviewDashboard(db: DbOrTx, slaHours: number, now = new Date()): Promise<ReviewDashboard> {
  const day = new Date(now.getTime() - 24 * HOUR_MS).toISOString();
  const threeDays = new Date(now.getTime() - 72 * HOUR_MS).toISOString();
  const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekAgo = new Date(now.getTime() - 7 * 24 * HOUR_MS);
  const pendingSubmitted = and(eq(identityItems.state, "pending"), isNotNull(identityItems.submittedAt));

  const [pending, [overdue], today, [speed]] = await Promise.all([
    db
      .select({
        item: identityItems.item,
        underDay: sql<number>`count(*) filter (where ${identityItems.submittedAt} > ${day}::timestamptz)::int`,
        oneToThreeDays: sql<number>`count(*) filter (where ${identityItems.submittedAt} <= ${day}::timestamptz and ${identityItems.submittedAt} > ${threeDays}::timestamptz)::int`,
        overThreeDays: sql<number>`count(*) filter (where ${identityItems.submittedAt} <= ${threeDays}::timestamptz)::int`,
        total: sql<number>`count(*)::int`,
      })
      .from(identityItems)
      .where(pendingSubmitted)
      .groupBy(identityItems.item)
      .orderBy(identityItems.item),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(identityItems)
      .where(and(pendingSubmitted, lte(identityItems.submittedAt, new Date(now.getTime() - slaHours * HOUR_MS)))),
    db
      .select({ actorId: itemHistory.actorId, decisions: sql<number>`count(*)::int` })
      .from(itemHistory)
      .where(and(inArray(itemHistory.action, DECISIONS), gte(itemHistory.createdAt, startOfDay), isNotNull(itemHistory.actorId)))
      .groupBy(itemHistory.actorId),
    db
      .select({
        median: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${itemHistory.createdAt} - ${identityItems.submittedAt}))`,
        count: sql<number>`count(*)::int`,
      })
      .from(itemHistory)
      .innerJoin(identityItems, eq(identityItems.id, itemHistory.itemId))
      .where(
        and(
          inArray(itemHistory.action, DECISIONS.filter((action) => action !== "review.approval_proposed")),
          gte(itemHistory.createdAt, weekAgo),
          isNotNull(identityItems.submittedAt),
          lte(identityItems.submittedAt, itemHistory.createdAt),
        ),
      ),
  ]);
  const emails = await staffEmails(db, today.map((row) => row.actorId));
  return {
    pending,
    overdue: overdue?.count ?? 0,
    slaHours,
    decisionsToday: today
      .map((row) => ({ reviewer: emails.get(row.actorId!) ?? "unknown", decisions: row.decisions }))
      .sort((a, b) => b.decisions - a.decisions || a.reviewer.localeCompare(b.reviewer)),
    medianHours: speed?.median == null ? null : Number(speed.median) / 3600,
    decisionsLastWeek: speed?.count ?? 0,
  };
}
