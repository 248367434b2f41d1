import "server-only";

import { and, desc, eq } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { revokeCredentialsRelyingOn } from "@/lib/item-changes/relying-credentials";
import { emitStatusChanged, notifyPerson } from "@/lib/events/emit";
import { warnIfExpiringSoon } from "@/lib/events/expiry-warnings";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { Db, Tx } from "@/lib/db/client";
import { amlScreenings, identityItems, itemHistory } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { documentLapsesAt } from "@/lib/items/dates";
import { effectiveState, getItems, writeItem, type StoredItem } from "@/lib/items/store";
import { ITEM_INFO, type Item } from "@/lib/items/items";
import { evidenceFor } from "@/lib/review/evidence";
import { RESUBMISSION_REASON, type DecisionInput, reasonForPerson } from "@/lib/review/schemas";
import { decryptJson, encryptText } from "@/lib/security/encryption";

/** item_history.note_enc: a reviewer's note on a decision. */
export const HISTORY_NOTE_PURPOSE = "item_history.note";

/**
 * A reviewer's decision on one pending item (SPEC §7): the item's new state,
 * its history row, its audit entry and any credential revocation it causes
 * are written in one transaction, or not at all.
 */
export type DecisionOutcome = { state: "verified" | "rejected" | "proposed" };

export function approvalBlocker(item: Item, items: Map<Item, StoredItem>, now = new Date()): string | null {
  const evidence = evidenceFor(item);
  if (!evidence) return null;
  if (evidence.some((name) => { const stored = items.get(name); return stored !== undefined && effectiveState(stored, now) === "verified"; })) return null;
  const names = evidence.map((name) => ITEM_INFO[name].label).join(" or ");
  return `Approve ${item === "address" ? "the proof of address" : "an identity document"} first: ${ITEM_INFO[item].label} is confirmed against a verified ${names}, and none is verified yet.`;
}

export type AmlMatch = {
  name: string;
  matchedName?: string;
  score: number;
  entryId?: string;
  birthDates?: string[];
  countries?: string[];
  aliases?: string[];
  programs?: string[];
  nameScore?: number;
  birthDateFactor?: number;
};
export type AmlScreening = { listVersion: string; status: string; matches: AmlMatch[]; createdAt: Date };

/** Reads defensively: the rows are written by the screening, whose shape may grow. */
export async function latestScreening(db: Db | Tx, userId: string): Promise<AmlScreening | null> {
  const [row] = await db.select().from(amlScreenings).where(eq(amlScreenings.userId, userId)).orderBy(desc(amlScreenings.createdAt)).limit(1);
  if (!row) return null;
  let raw: unknown = [];
  try {
    raw = decryptJson(row.matchesEnc, "aml_screenings.matches");
  } catch {
    raw = [];
  }
  const list = Array.isArray(raw) ? raw : raw && typeof raw === "object" && Array.isArray((raw as { matches?: unknown }).matches) ? (raw as { matches: unknown[] }).matches : [];
  const matches = list.flatMap((entry): AmlMatch[] => {
    if (!entry || typeof entry !== "object") return [];
    const e = entry as Record<string, unknown>;
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined);
    return [
      {
        name: typeof e.name === "string" ? e.name : typeof e.matchedName === "string" ? e.matchedName : "unnamed entry",
        matchedName: typeof e.matchedName === "string" ? e.matchedName : undefined,
        score: typeof e.score === "number" ? e.score : 0,
        entryId: typeof e.entryId === "string" ? e.entryId : undefined,
        birthDates: strings(e.birthDates),
        countries: strings(e.countries),
        aliases: strings(e.aliases),
        programs: strings(e.programs),
        nameScore: typeof e.nameScore === "number" ? e.nameScore : undefined,
        birthDateFactor: typeof e.birthDateFactor === "number" ? e.birthDateFactor : undefined,
      },
    ];
  });
  return { listVersion: row.listVersion, status: row.status, matches, createdAt: row.createdAt };
}

/** An AML item with a possible match needs two different reviewers to approve. */
export async function needsFourEyes(tx: Tx, userId: string, item: Item, stored: StoredItem): Promise<boolean> {
  if (item !== "aml") return false;
  const value = stored.value as { status?: unknown } | null;
  if (value?.status === "hit") return true;
  const screening = await latestScreening(tx, userId);
  return (screening?.matches.length ?? 0) > 0;
}

function documentExpiry(value: unknown): Date | null {
  const expires = (value as { expires_at?: unknown } | null)?.expires_at;
  if (typeof expires !== "string") return null;
  return documentLapsesAt(expires);
}

export async function decideItem(db: Db, reviewerId: string, userId: string, input: DecisionInput): Promise<DecisionOutcome> {
  return db.transaction(async (tx) => {
    // The role is read here, inside the transaction, not taken from the caller.
    await assertStaffMay(tx, reviewerId, "items.decide");
    return decideInTransaction(tx, { type: "staff", id: reviewerId }, userId, input);
  });
}

/**
 * Who decides: a reviewer, or the automated checks (the `system` actor, with the scores it decided on
 * in the audit entry). Both go through the one decision below, so both have the same effects.
 */
export type Decider = { type: "staff"; id: string } | { type: "system"; details: Record<string, unknown> };

export async function decideInTransaction(tx: Tx, decider: Decider, userId: string, input: DecisionInput): Promise<DecisionOutcome> {
  const staffId = decider.type === "staff" ? decider.id : null;
  // Row lock: two reviewers deciding the same item at once cannot both win.
  const [row] = await tx
    .select({ id: identityItems.id, state: identityItems.state, proposedBy: identityItems.proposedBy })
    .from(identityItems)
    .where(and(eq(identityItems.userId, userId), eq(identityItems.item, input.item)))
    .for("update");
  if (!row || row.state !== "pending") throw new AppError("CONFLICT", `${ITEM_INFO[input.item].label} is not pending any more; reload the case.`);
  const items = await getItems(tx, userId);
  const stored = items.get(input.item)!;
  const actor = decider.type === "staff" ? { type: "staff" as const, id: decider.id } : { type: "system" as const };
  const audit = (action: string, details: Record<string, unknown> = {}) =>
    recordAudit(tx, { actor, action, subjectUserId: userId, details: { item: input.item, itemId: row.id, ...(decider.type === "system" && decider.details), ...details } });

  if (input.decision === "approve") {
    const blocker = approvalBlocker(input.item, items);
    if (blocker) throw new AppError("CONFLICT", blocker);
    let proposedBy: string | null = null;
    if (await needsFourEyes(tx, userId, input.item, stored)) {
      // A sanctions match is cleared by people, never by the checks.
      if (!staffId) throw new AppError("CONFLICT", "A possible sanctions match needs two reviewers.");
      if (!row.proposedBy) {
        // The first reviewer says why the match is not this person; the second confirms that reading.
        if (!input.clearance) throw new AppError("INVALID_REQUEST", "Choose why the match is not this person before proposing to clear it.", { field: "clearance" });
        const now = new Date();
        await tx.update(identityItems).set({ proposedBy: staffId, proposedAt: now, updatedAt: now }).where(eq(identityItems.id, row.id));
        await tx.insert(itemHistory).values({
          itemId: row.id,
          state: "pending",
          action: "review.approval_proposed",
          actorId: staffId,
          reason: `clearance.${input.clearance}`,
          noteEnc: input.clearanceNote ? encryptText(input.clearanceNote, HISTORY_NOTE_PURPOSE) : null,
          createdAt: now,
        });
        await audit("item.approval_proposed", { clearance: input.clearance });
        return { state: "proposed" };
      }
      if (row.proposedBy === staffId) {
        throw new AppError("FORBIDDEN", "You proposed this approval: a second, different reviewer must confirm it.");
      }
      proposedBy = row.proposedBy;
    }
    // Approving a screening hit means the reviewer found it is not this person.
    const expiresAt = documentExpiry(stored.value);
    const value = input.item === "aml" && stored.value && typeof stored.value === "object" ? { ...stored.value, status: "clear" } : undefined;
    await writeItem(tx, {
      userId,
      item: input.item,
      state: "verified",
      ...(value !== undefined && { value }),
      actorId: staffId,
      action: "review.approved",
      documentExpiresAt: expiresAt,
      ...(proposedBy && { historyReason: "clearance.confirmed" }),
    });
    await audit("item.approved", proposedBy ? { proposedBy } : {});
    await notifyPerson(tx, userId, "item.approved", { item: input.item });
    await warnIfExpiringSoon(tx, { id: row.id, userId, item: input.item, expiresAt });
    await emitStatusChanged(tx, userId);
    return { state: "verified" };
  }

  const reason = input.decision === "reject" ? input.reason : RESUBMISSION_REASON;
  await writeItem(tx, {
    userId,
    item: input.item,
    state: "rejected",
    actorId: staffId,
    action: input.decision === "reject" ? "review.rejected" : "review.resubmission_requested",
    rejectionReason: reason,
    noteToUser: input.noteToUser ?? null,
    internalNote: input.internalNote ?? null,
  });
  await audit(input.decision === "reject" ? "item.rejected" : "item.resubmission_requested", { reason });
  await revokeCredentialsRelyingOn(tx, userId, input.item, actor);
  await notifyPerson(tx, userId, "item.rejected", { item: input.item, reason: reasonForPerson(reason), note: input.noteToUser ?? null, resubmission: input.decision !== "reject" });
  await emitStatusChanged(tx, userId);
  return { state: "rejected" };
}
