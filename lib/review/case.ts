import "server-only";

import { asc, eq, inArray } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { identityItems, itemHistory, users } from "@/lib/db/schema";
import { effectiveState, getItems, type StoredItem } from "@/lib/items/store";
import { ITEM_INFO, ITEMS, type Item, type ItemState } from "@/lib/items/items";
import { compareMrzWithTyped, parsePassportMrz } from "@/lib/documents/mrz";
import { inEnglish } from "@/lib/i18n/person-errors";
import { evidenceFor } from "@/lib/review/evidence";
import { approvalBlocker, HISTORY_NOTE_PURPOSE, latestScreening, type AmlScreening } from "@/lib/review/decide";
import { decryptText } from "@/lib/security/encryption";
import { staffEmails } from "@/lib/review/staff-names";

/** Everything the case page shows about one person, decrypted for staff only. */
export type HistoryEntry = { at: Date; state: ItemState; action: string; actor: string | null; reason: string | null; note: string | null };
export type CaseItem = StoredItem & {
  effective: ItemState;
  internalNote: string | null;
  assignee: string | null;
  assignedTo: string | null;
  proposedBy: string | null;
  proposer: string | null;
  /** The proposing reviewer's reason and note, for the second reviewer. */
  proposal: { reason: string | null; note: string | null } | null;
  history: HistoryEntry[];
  /** Why Approve would be refused now, for declared items without verified evidence. */
  blocker: string | null;
};
export type MrzCheck = { readable: boolean; errors: string[]; mismatches: string[] };
export type ReviewCase = {
  userId: string;
  ocid: number;
  items: CaseItem[];
  /** Pending items a reviewer can decide now, in decision order. */
  pending: Item[];
  /** Pending items that wait on the person: their evidence was sent back and nothing new has come. */
  waiting: Item[];
  screening: AmlScreening | null;
  mrz: MrzCheck | null;
};

function checkMrz(items: Map<Item, StoredItem>): MrzCheck | null {
  const value = items.get("passport")?.value as { mrz?: unknown; number?: unknown; country?: unknown; expires_at?: unknown } | undefined;
  if (!value || typeof value.mrz !== "string") return null;
  const parsed = parsePassportMrz(value.mrz);
  const dob = items.get("date_of_birth")?.value;
  const name = items.get("name")?.value as { last_name?: unknown; first_name?: unknown } | undefined;
  const mismatches = compareMrzWithTyped(parsed.fields, {
    number: String(value.number ?? ""),
    country: String(value.country ?? ""),
    expires_at: String(value.expires_at ?? ""),
    ...(typeof dob === "string" && { date_of_birth: dob }),
    ...(typeof name?.last_name === "string" && { last_name: name.last_name }),
    ...(typeof name?.first_name === "string" && { first_name: name.first_name }),
  });
  // The console is in English, as staff tools are.
  return { readable: parsed.valid, errors: parsed.errors.map(inEnglish), mismatches: mismatches.map(inEnglish) };
}

export async function loadCase(db: Db, userId: string): Promise<ReviewCase | null> {
  const [person] = await db.select({ id: users.id, ocid: users.ocid }).from(users).where(eq(users.id, userId));
  if (!person) return null;
  const [stored, rows] = await Promise.all([getItems(db, userId), db.select().from(identityItems).where(eq(identityItems.userId, userId))]);
  const ids = rows.map((row) => row.id);
  const history = ids.length ? await db.select().from(itemHistory).where(inArray(itemHistory.itemId, ids)).orderBy(asc(itemHistory.createdAt), asc(itemHistory.id)) : [];
  const emails = await staffEmails(db, [...rows.flatMap((row) => [row.assignedTo, row.proposedBy]), ...history.map((entry) => entry.actorId)]);
  const actorName = (id: string | null) => (id === null ? null : id === userId ? "the person" : (emails.get(id) ?? "unknown"));

  const now = new Date();
  const items: CaseItem[] = [];
  for (const name of ITEMS) {
    const item = stored.get(name);
    const row = rows.find((candidate) => candidate.item === name);
    if (!item || !row) continue;
    const effective = effectiveState(item, now);
    const entries = history
      .filter((entry) => entry.itemId === row.id)
      .map((entry) => ({
        at: entry.createdAt,
        state: entry.state,
        action: entry.action,
        actor: actorName(entry.actorId),
        reason: entry.reason,
        note: entry.noteEnc ? decryptText(entry.noteEnc, HISTORY_NOTE_PURPOSE) : null,
      }));
    items.push({
      ...item,
      effective,
      internalNote: row.internalNote,
      assignee: row.assignedTo ? (emails.get(row.assignedTo) ?? "unknown") : null,
      assignedTo: row.assignedTo,
      proposedBy: row.proposedBy,
      proposer: row.proposedBy ? (emails.get(row.proposedBy) ?? "unknown") : null,
      history: entries,
      proposal: row.proposedBy ? (entries.findLast((entry) => entry.action === "review.approval_proposed") ?? null) : null,
      blocker: effective === "pending" ? approvalBlocker(name, stored, now) : null,
    });
  }
  // Documents first: the declared items are decided against them.
  const order: Item[] = ["passport", "id_card", "driver_license", "proof_of_address", "liveness", "name", "date_of_birth", "nationality", "address", "aml", "email", "phone"];
  const waits = (name: Item) => {
    const evidence = evidenceFor(name);
    return evidence !== null && !items.some((item) => evidence.includes(item.item) && (item.effective === "verified" || item.effective === "pending"));
  };
  const pendingAll = order.filter((name) => items.some((item) => item.item === name && item.effective === "pending"));
  const pending = pendingAll.filter((name) => !waits(name));
  const waiting = pendingAll.filter(waits);
  return { userId, ocid: person.ocid, items, pending, waiting, screening: await latestScreening(db, userId), mrz: checkMrz(stored) };
}

/**
 * How the case page lays a case out: the decidable items in decision order, then those
 * waiting on the person, then the decided ones; the current item (the one asked for if it is
 * decidable, else the first); and the pending items' assignment.
 */
export function arrangeCase(caseData: ReviewCase, requested: Item | null): { ordered: CaseItem[]; current: Item | null; unassigned: boolean; assignedTo: string | null } {
  const byName = new Map(caseData.items.map((item) => [item.item, item]));
  const named = (names: Item[]) => names.flatMap((name) => byName.get(name) ?? []);
  const pending = caseData.items.filter((item) => item.effective === "pending");
  return {
    ordered: [...named(caseData.pending), ...named(caseData.waiting), ...caseData.items.filter((item) => item.effective !== "pending")],
    current: requested && caseData.pending.includes(requested) ? requested : (caseData.pending[0] ?? null),
    unassigned: pending.some((item) => !item.assignee),
    assignedTo: pending.find((item) => item.assignedTo)?.assignedTo ?? null,
  };
}

/** The person's full name from their name item, declared or verified. */
export function fullNameOf(items: { item: Item; value: unknown }[]): string | null {
  const value = items.find((item) => item.item === "name")?.value as { full_name?: unknown } | null | undefined;
  return typeof value?.full_name === "string" && value.full_name ? value.full_name : null;
}

/** What a decision notice says about the case it concerns. */
export async function noticeSubject(db: Db, userId: string, item: Item): Promise<{ userId: string; ocid: number; name: string | null; item: string } | null> {
  const [person] = await db.select({ ocid: users.ocid }).from(users).where(eq(users.id, userId));
  if (!person) return null;
  const stored = await getItems(db, userId);
  return { userId, ocid: person.ocid, name: fullNameOf([...stored.values()]), item: ITEM_INFO[item].label };
}
