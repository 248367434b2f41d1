import "server-only";

import { and, asc, desc, eq, gt, inArray, isNotNull, ne } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { revokeCredentialsRelyingOn, revokeCredentialsRelyingOnAny } from "@/lib/item-changes/relying-credentials";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { amlScreenings, identityItems } from "@/lib/db/schema";
import { decodeItem, effectiveState, getItems, writeItem, writeItems, type ItemWrite, type StoredItem } from "@/lib/items/store";
import { AppError } from "@/lib/http/errors";
import { remember } from "@/lib/state/remember";
import type { Item } from "@/lib/items/items";
import { currentSanctionsList, currentSanctionsListInfo, storeSanctionsList, type LoadedList } from "@/lib/screening/sanctions-list";
import { buildScreeningIndex, normalizeName, parseSanctionsCsv, screenPerson, type ScreeningIndex, type ScreeningMatch, type ScreeningResult } from "@/lib/screening/matcher";
import type { NameValue } from "@/lib/items/values";
import { blindIndex, decryptJson, encryptJson } from "@/lib/security/encryption";

/**
 * Sanctions screening of stored people (SPEC §8): the `aml` item follows the last
 * screening — verified `clear`, or pending with the matches for a reviewer.
 */
const MATCHES_PURPOSE = "aml_screenings.matches";

// One index per process for the list in force; a new version replaces it. Kept as a
// promise so concurrent first screenings build it once.
async function indexFor(db: DbOrTx, version: string): Promise<ScreeningIndex | null> {
  const cached = remember("screening-index", () => ({}) as { version?: string; index?: Promise<ScreeningIndex> });
  if (cached.index && cached.version === version) return cached.index;
  const list = await currentSanctionsList(db);
  if (!list) return null;
  const index = Promise.resolve(buildScreeningIndex(parseSanctionsCsv(list.csv)));
  Object.assign(cached, { version: list.version, index });
  return index;
}

/**
 * Who a screening was about: the name and date of birth as the screening compares them
 * (case, accents and word order gone), as a keyed hash, stored with the matches.
 */
function screenedIdentity(fullName: string, dateOfBirth: string | null): string {
  return blindIndex("screened_identity", `${normalizeName(fullName)}\n${dateOfBirth ?? ""}`);
}

/** Screens a name, with the person's date of birth when they gave one, and says which identity was screened. */
function screenAgainst(index: ScreeningIndex, fullName: string, items: ReadonlyMap<string, StoredItem>): { result: ScreeningResult; identity: string } {
  const dob = items.get("date_of_birth");
  const dateOfBirth = dob && dob.state !== "missing" && typeof dob.value === "string" ? dob.value : null;
  return { result: screenPerson(index, { fullName, dateOfBirth }), identity: screenedIdentity(fullName, dateOfBirth) };
}

/** What a screening row holds, encrypted: the identity screened and what it matched. */
function sealScreening(identity: string, matches: ScreeningMatch[]): string {
  return encryptJson({ identity, matches }, MATCHES_PURPOSE);
}

/**
 * A reviewer's clearance of a hit holds for the identity they reviewed. A list reloaded or
 * re-run that finds no entry beyond those cleared, for the same name and date of birth,
 * keeps it; a changed name or date of birth is a new question for a reviewer, even when
 * the entries found are the same ones: the reviewer judged the old name and date of birth.
 */
function clearanceCarriesOver(result: ScreeningResult, aml: StoredItem | undefined, previous: StoredScreening | null, identity: string): boolean {
  return (
    result.status === "hit" &&
    aml !== undefined &&
    effectiveState(aml) === "verified" &&
    previous !== null &&
    previous.identity === identity &&
    previous.matches.length > 0 &&
    result.matches.every((m) => previous.matches.some((p) => p.entryId === m.entryId))
  );
}

export type ScreeningOutcome = { status: "clear" | "hit"; matches: ScreeningMatch[]; list: string } | { status: "not_screened"; reason: "no_list" | "no_name" };

type ScreenOptions = { at?: Date; list?: { version: string; index: ScreeningIndex } };

/** Screens one person against the list in force and writes the result, inside `tx`. */
export async function screenUser(tx: Tx, userId: string, options: ScreenOptions = {}): Promise<ScreeningOutcome> {
  const at = options.at ?? new Date();
  const items = await getItems(tx, userId);
  const name = items.get("name");
  const aml = items.get("aml");
  const fullName = (name?.value as NameValue | null)?.full_name;

  if (!fullName || name?.state === "missing") {
    // Without a name there is nothing to screen; an old result would speak for a name withdrawn.
    if (aml && aml.state !== "missing") {
      await writeItem(tx, { userId, item: "aml", state: "missing", value: null, action: "aml.name_withdrawn", at });
      await recordAudit(tx, { actor: { type: "system" }, action: "aml.cleared_without_name", subjectUserId: userId });
    }
    return { status: "not_screened", reason: "no_name" };
  }

  let list = options.list;
  if (!list) {
    const info = await currentSanctionsListInfo(tx);
    const index = info ? await indexFor(tx, info.version) : null;
    if (!info || !index) return { status: "not_screened", reason: "no_list" };
    list = { version: info.version, index };
  }

  const { result, identity } = screenAgainst(list.index, fullName, items);

  const previous = await lastScreening(tx, userId);
  await tx.insert(amlScreenings).values({
    userId,
    listVersion: list.version,
    status: result.status,
    matchesEnc: sealScreening(identity, result.matches),
    createdAt: at,
  });

  const value = { status: result.status, checked_at: at.toISOString(), list: list.version };
  const alreadyCleared = clearanceCarriesOver(result, aml, previous, identity);
  const state = result.status === "clear" ? "verified" : alreadyCleared ? aml!.state : "pending";
  if (!alreadyCleared) {
    await writeItem(tx, { userId, item: "aml", state, value, action: result.status === "clear" ? "aml.screened_clear" : "aml.screened_hit", at });
    // A possible match is no longer a clear screening: a credential that relied on one ends here.
    if (state === "pending") await revokeCredentialsRelyingOn(tx, userId, "aml", { type: "system" });
  }
  // The screening row and item history record every run; the audit log records what changed,
  // so re-screening everyone against a new list does not add an entry per unchanged person.
  const previousStatus = (aml?.value as { status?: string } | null)?.status;
  if (aml?.state !== state || previousStatus !== result.status) {
    await recordAudit(tx, {
      actor: { type: "system" },
      action: "aml.screened",
      subjectUserId: userId,
      details: { list: list.version, status: result.status, matches: result.matches.length, state, previous_state: aml?.state ?? "missing" },
    });
  }
  return { status: result.status, matches: result.matches, list: list.version };
}

/** `identity` is null for a row holding only the matches, as rows written before it was recorded do. */
export type StoredScreening = { listVersion: string; status: string; identity: string | null; matches: ScreeningMatch[]; createdAt: Date };

export async function lastScreening(db: DbOrTx, userId: string): Promise<StoredScreening | null> {
  const [row] = await db.select().from(amlScreenings).where(eq(amlScreenings.userId, userId)).orderBy(desc(amlScreenings.createdAt)).limit(1);
  if (!row) return null;
  const sealed = decryptJson<ScreeningMatch[] | { identity: string; matches: ScreeningMatch[] }>(row.matchesEnc, MATCHES_PURPOSE);
  const { identity, matches } = Array.isArray(sealed) ? { identity: null, matches: sealed } : sealed;
  return { listVersion: row.listVersion, status: row.status, identity, matches, createdAt: row.createdAt };
}

const RESCREEN_BATCH = 500;

/**
 * After a new list is loaded: everyone with a name is screened again. Done in batches with
 * set-based reads and writes (one query per table per batch, not per person), so 10,000
 * people take seconds; each batch is its own short transaction.
 */
export async function rescreenEveryone(db: Db, at = new Date()): Promise<{ screened: number; hits: number; list: string | null }> {
  const info = await currentSanctionsListInfo(db);
  const index = info ? await indexFor(db, info.version) : null;
  if (!info || !index) return { screened: 0, hits: 0, list: null };
  const list = { version: info.version, index };

  let screened = 0;
  let hits = 0;
  let after = "";
  for (;;) {
    const batch = await db
      .select({ userId: identityItems.userId })
      .from(identityItems)
      .where(and(eq(identityItems.item, "name"), isNotNull(identityItems.valueEnc), ne(identityItems.state, "missing"), gt(identityItems.userId, after)))
      .orderBy(asc(identityItems.userId))
      .limit(RESCREEN_BATCH);
    if (batch.length === 0) break;
    const result = await db.transaction((tx) => rescreenBatch(tx, batch.map((b) => b.userId), list, at));
    screened += result.screened;
    hits += result.hits;
    after = batch[batch.length - 1]!.userId;
  }
  return { screened, hits, list: list.version };
}

async function rescreenBatch(tx: Tx, userIds: string[], list: { version: string; index: ScreeningIndex }, at: Date): Promise<{ screened: number; hits: number }> {
  const rows = await tx
    .select()
    .from(identityItems)
    .where(and(inArray(identityItems.userId, userIds), inArray(identityItems.item, ["name", "date_of_birth", "aml"])));
  const people = new Map<string, Map<string, StoredItem>>();
  for (const row of rows) {
    const items = people.get(row.userId) ?? new Map<string, StoredItem>();
    items.set(row.item, decodeItem(row));
    people.set(row.userId, items);
  }

  type Outcome = { userId: string; result: ScreeningResult; identity: string; aml: StoredItem | undefined };
  const outcomes: Outcome[] = [];
  for (const userId of userIds) {
    const items = people.get(userId);
    const fullName = (items?.get("name")?.value as NameValue | null | undefined)?.full_name;
    if (!items || !fullName) continue;
    outcomes.push({ userId, ...screenAgainst(list.index, fullName, items), aml: items.get("aml") });
  }
  if (outcomes.length === 0) return { screened: 0, hits: 0 };

  // Only people a reviewer already cleared need their previous screening: a hit on the same entries, for the same identity, stays cleared.
  const clearedWithHit = outcomes.filter((o) => o.result.status === "hit" && o.aml && effectiveState(o.aml) === "verified").map((o) => o.userId);
  const previousScreenings = new Map<string, StoredScreening | null>();
  for (const userId of clearedWithHit) previousScreenings.set(userId, await lastScreening(tx, userId));

  await tx.insert(amlScreenings).values(
    outcomes.map(({ userId, result, identity }) => ({ userId, listVersion: list.version, status: result.status, matchesEnc: sealScreening(identity, result.matches), createdAt: at })),
  );

  const writes: ItemWrite[] = [];
  const changed: Record<string, string> = {};
  const sentToReview = new Map<string, Item[]>();
  for (const { userId, result, identity, aml } of outcomes) {
    if (clearanceCarriesOver(result, aml, previousScreenings.get(userId) ?? null, identity)) continue;
    const state = result.status === "clear" ? "verified" : "pending";
    writes.push({
      userId,
      item: "aml",
      state,
      value: { status: result.status, checked_at: at.toISOString(), list: list.version },
      action: result.status === "clear" ? "aml.rescreened_clear" : "aml.rescreened_hit",
      at,
    });
    const previousStatus = (aml?.value as { status?: string } | null)?.status;
    if (aml?.state !== state || previousStatus !== result.status) changed[userId] = state;
    if (state === "pending") sentToReview.set(userId, ["aml"]);
  }
  await writeItems(tx, writes);
  // A possible match is no longer a clear screening: credentials that relied on one end with it.
  await revokeCredentialsRelyingOnAny(tx, sentToReview, { type: "system" });
  // One entry per batch naming who changed (ids only): an entry per person would make a
  // re-screen of everyone as slow as the chain's lock allows.
  await recordAudit(tx, {
    actor: { type: "system" },
    action: "aml.rescreened",
    details: { list: list.version, screened: outcomes.length, changed },
  });
  const hits = outcomes.filter((o) => o.result.status === "hit").length;
  return { screened: outcomes.length, hits };
}

/**
 * An admin's upload (SPEC §7, §8): checked, stored as the list in force, then everyone is
 * screened against it. A file that is not a usable list changes nothing.
 */
export async function replaceSanctionsList(db: Db, input: { csv: string; source: string; staffId: string }): Promise<{ list: LoadedList; screened: number; hits: number }> {
  let entries: number;
  try {
    entries = parseSanctionsCsv(input.csv).length;
  } catch (error) {
    throw new AppError("INVALID_REQUEST", (error as Error).message, { field: "file" });
  }
  if (entries === 0) throw new AppError("INVALID_REQUEST", "The file has no people in it: nothing to screen against", { field: "file" });
  const list = await db.transaction(async (tx) => {
    await assertStaffMay(tx, input.staffId, "sanctions.manage");
    const stored = await storeSanctionsList(tx, input.csv, input.source, input.staffId);
    await recordAudit(tx, { actor: { type: "staff", id: input.staffId }, action: "sanctions.loaded", details: { version: stored.version, entries: stored.entryCount } });
    return stored;
  });
  const { screened, hits } = await rescreenEveryone(db);
  return { list, screened, hits };
}

/** Staff asking for a fresh run against the list in force. */
export async function rescreenEveryoneFor(db: Db, staffId: string): Promise<{ screened: number; hits: number; list: string | null }> {
  // The run itself is too long for one transaction: the role is read before it, and again with its audit entry.
  await assertStaffMay(db, staffId, "sanctions.manage");
  const result = await rescreenEveryone(db);
  await db.transaction(async (tx) => {
    await assertStaffMay(tx, staffId, "sanctions.manage");
    await recordAudit(tx, { actor: { type: "staff", id: staffId }, action: "sanctions.rescreened", details: { list: result.list, screened: result.screened, hits: result.hits } });
  });
  return result;
}
