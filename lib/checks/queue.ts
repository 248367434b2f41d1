import "server-only";

import { randomInt } from "node:crypto";

import { and, asc, eq, inArray, lt, lte, or } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import type { Db, Tx } from "@/lib/db/client";
import { checkJobs, checkResults } from "@/lib/db/schema";
import { logUnexpected } from "@/lib/http/errors";
import { readDocument } from "@/lib/documents/store";
import { getItems, type StoredItem } from "@/lib/items/store";
import { IDENTITY_DOCUMENTS, type Item } from "@/lib/items/items";
import type { NameValue } from "@/lib/items/values";
import { decideInTransaction, latestScreening } from "@/lib/review/decide";
import { decryptJson, encryptJson } from "@/lib/security/encryption";
import { startPeriodic, type PeriodicJob } from "@/lib/state/periodic";
import { recall } from "@/lib/state/remember";

import type { ImageAnalysis } from "./engine";
import { getChecksPolicy } from "./policy";
import { faceMatch } from "./similarity";
import type { ChecksPolicy } from "./policy-defaults";
import { concernsOf, documentVerdict, selfieVerdict, type Verdict } from "./verdict";

/**
 * The checks queue (SPEC §3 uploads → automated checks): a PostgreSQL table every instance works.
 * A job is taken with FOR UPDATE SKIP LOCKED and leased; a worker that dies leaves its lease to run
 * out, and the job is taken again. Failures are retried with a growing delay, then left to reviewers.
 */
export const LEASE_MS = 2 * 60_000;
export const MAX_ATTEMPTS = 3;
const RETRY_DELAY_MS = 30_000;
const RESULT_PURPOSE = "check_results.result";

export type CheckedItem = (typeof IDENTITY_DOCUMENTS)[number] | "liveness";
export type CheckJob = typeof checkJobs.$inferSelect;

/** What runs the models: the worker thread in the server (./pool.ts), the engine itself in scripts and tests. */
export type Analyser = (bytes: Uint8Array, kind: "document" | "selfie", options: { passport: boolean; today: Date }) => Promise<ImageAnalysis>;

export function isCheckedItem(item: Item): item is CheckedItem {
  return item === "liveness" || (IDENTITY_DOCUMENTS as readonly string[]).includes(item);
}

/** Called in the upload's transaction: the job exists exactly when the upload does. */
export async function enqueueChecks(tx: Tx, job: { userId: string; item: CheckedItem; documentIds: string[] }): Promise<void> {
  await tx.insert(checkJobs).values(job);
  // What the checks found on the images this upload replaces no longer ranks the case in the queue.
  await tx.update(checkResults).set({ concerns: 0 }).where(and(eq(checkResults.userId, job.userId), eq(checkResults.item, job.item)));
}

/** Takes the next job that is due, or whose lease ran out; null when there is none. */
export async function claimCheckJob(db: Db, now = new Date()): Promise<CheckJob | null> {
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const [job] = await tx
        .select()
        .from(checkJobs)
        .where(or(and(eq(checkJobs.state, "queued"), lte(checkJobs.runAfter, now)), and(eq(checkJobs.state, "running"), lt(checkJobs.leaseUntil, now))))
        .orderBy(asc(checkJobs.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!job) return null;
      if (job.attempts >= MAX_ATTEMPTS) {
        // Its last worker died holding it: the item stays with the reviewers.
        await tx.update(checkJobs).set({ state: "failed", lastError: job.lastError ?? "lease_expired", leaseUntil: null, updatedAt: now }).where(eq(checkJobs.id, job.id));
        return "given_up" as const;
      }
      const [taken] = await tx
        .update(checkJobs)
        .set({ state: "running", attempts: job.attempts + 1, leaseUntil: new Date(now.getTime() + LEASE_MS), updatedAt: now })
        .where(eq(checkJobs.id, job.id))
        .returning();
      return taken!;
    });
    if (claimed !== "given_up") return claimed;
  }
}

type StoredResult = { analysis: ImageAnalysis; verdict?: Verdict };

function imagesOf(stored: StoredItem | undefined): string[] {
  const images = (stored?.value as { images?: Record<string, string> } | null)?.images ?? {};
  return Object.values(images).sort();
}

const sameImages = (current: string[], checked: string[]) => current.join() === [...checked].sort().join();

/** The one image the models look at: a document's front (or page), or the selfie. */
function mainImage(stored: StoredItem): string | undefined {
  const images = (stored.value as { images?: Record<string, string> } | null)?.images ?? {};
  return images.front ?? images.page ?? images.selfie;
}

/** Runs one claimed job to the end: analysis stored, verdicts settled, job done; or scheduled again. */
export async function runCheckJob(db: Db, job: CheckJob, analyser: Analyser, now = new Date()): Promise<void> {
  try {
    const items = await getItems(db, job.userId);
    const stored = items.get(job.item);
    // A newer upload replaced these images, or a reviewer already decided: nothing left to check.
    if (!stored || stored.state !== "pending" || !sameImages(imagesOf(stored), job.documentIds)) return finish(db, job, "done", "stale");
    const imageId = mainImage(stored);
    const image = imageId ? await readDocument(db, imageId) : null;
    if (!image) return finish(db, job, "done", "stale");
    const analysis = await analyser(image.bytes, job.item === "liveness" ? "selfie" : "document", { passport: job.item === "passport", today: now });
    const resultEnc = encryptJson({ analysis } satisfies StoredResult, RESULT_PURPOSE);
    await db
      .insert(checkResults)
      .values({ userId: job.userId, item: job.item, documentIds: job.documentIds, resultEnc, outcome: "pending", risk: 0, concerns: 0, createdAt: now })
      .onConflictDoUpdate({ target: [checkResults.userId, checkResults.item], set: { documentIds: job.documentIds, resultEnc, outcome: "pending", risk: 0, concerns: 0, createdAt: now } });
    await settleChecks(db, job.userId, now);
    await finish(db, job, "done", null);
  } catch (error) {
    logUnexpected(error, "an automated check");
    const retry = job.attempts < MAX_ATTEMPTS;
    await db
      .update(checkJobs)
      .set({ state: retry ? "queued" : "failed", runAfter: new Date(now.getTime() + RETRY_DELAY_MS * 2 ** (job.attempts - 1)), leaseUntil: null, lastError: error instanceof Error ? error.name : "error", updatedAt: new Date() })
      .where(eq(checkJobs.id, job.id));
  }
}

async function finish(db: Db, job: CheckJob, state: "done", lastError: string | null): Promise<void> {
  await db.update(checkJobs).set({ state, lastError, leaseUntil: null, updatedAt: new Date() }).where(eq(checkJobs.id, job.id));
}

/** Scores for the audit log: numbers and codes only, never the MRZ text or a face descriptor. */
function scoresOf(analysis: ImageAnalysis, similarity: number | null, verdict: Verdict) {
  return {
    outcome: verdict.outcome,
    risk: verdict.risk,
    findings: verdict.findings.map((f) => f.code),
    faces: analysis.faceCount,
    faceScore: analysis.faceScore,
    similarity: similarity === null ? null : Number(similarity.toFixed(3)),
    antispoof: analysis.real,
    liveness: analysis.live,
    sharpness: analysis.quality.sharpness,
    glare: analysis.quality.glare,
    mrzValid: analysis.mrz ? analysis.mrz.valid : null,
    mrzRepairs: analysis.mrz?.repairs ?? null,
    ms: analysis.ms,
    models: analysis.models,
  };
}

/**
 * Works out the verdict on each of the person's pending checked items from the stored analyses (a
 * document and a selfie judge each other through the face match) and applies the admins' policy.
 */
export async function settleChecks(db: Db, userId: string, now = new Date()): Promise<void> {
  const rows = await db.select().from(checkResults).where(eq(checkResults.userId, userId));
  const results = new Map(rows.map((row) => [row.item, { row, ...decryptJson<StoredResult>(row.resultEnc, RESULT_PURPOSE) }]));
  const items = await getItems(db, userId);
  const current = (item: Item) => {
    const result = results.get(item);
    const stored = items.get(item);
    return result && stored && sameImages(imagesOf(stored), result.row.documentIds) ? { result, stored } : null;
  };
  const selfie = current("liveness");
  const document = IDENTITY_DOCUMENTS.map((item) => current(item)).find((entry) => entry && entry.result.analysis.embedding) ?? null;
  const similarity = faceMatch(document?.result.analysis, selfie?.result.analysis);
  const policy = await getChecksPolicy(db);
  const today = now.toISOString().slice(0, 10);
  const dob = items.get("date_of_birth")?.value;
  const name = items.get("name")?.value as NameValue | null | undefined;

  for (const item of [...IDENTITY_DOCUMENTS, "liveness"] as const) {
    const entry = current(item);
    if (!entry || entry.stored.state !== "pending") continue;
    const { analysis } = entry.result;
    // The face match judges the selfie and the one document it was compared with.
    const itemSimilarity = item === "liveness" || item === document?.stored.item ? similarity : null;
    let verdict: Verdict;
    if (item === "liveness") verdict = selfieVerdict(analysis, itemSimilarity, policy.thresholds);
    else {
      const typed = entry.stored.value as { number: string; country: string; expires_at: string };
      verdict = documentVerdict(
        analysis,
        {
          passport: item === "passport",
          typed: { number: typed.number, country: typed.country, expires_at: typed.expires_at, ...(typeof dob === "string" && { date_of_birth: dob }), ...(name?.last_name && { last_name: name.last_name }), ...(name?.first_name && { first_name: name.first_name }) },
          today,
          similarity: itemSimilarity,
        },
        policy.thresholds,
      );
    }
    await db.transaction((tx) => applyVerdict(tx, { userId, item, verdict, policy, scores: scoresOf(analysis, itemSimilarity, verdict), analysis }));
  }
}

async function applyVerdict(
  tx: Tx,
  input: { userId: string; item: CheckedItem; verdict: Verdict; policy: ChecksPolicy; scores: ReturnType<typeof scoresOf>; analysis: ImageAnalysis },
): Promise<void> {
  const { userId, item, policy, scores } = input;
  let verdict = input.verdict;
  if (verdict.outcome === "approve") {
    const screening = await latestScreening(tx, userId);
    if ((screening?.matches.length ?? 0) > 0) {
      verdict = { outcome: "review", risk: 90, findings: [{ code: "sanctions", message: "A possible sanctions match: a reviewer decides", risk: 90 }] };
    }
  }
  const sampled = verdict.outcome === "approve" && policy.autoApprove && randomInt(1_000_000) < policy.samplingShare * 1_000_000;
  const decide = (verdict.outcome === "approve" && policy.autoApprove && !sampled) || (verdict.outcome === "resubmit" && policy.autoResubmit);
  const resultEnc = encryptJson({ analysis: input.analysis, verdict } satisfies StoredResult, RESULT_PURPOSE);
  await tx
    .update(checkResults)
    .set({ outcome: verdict.outcome, risk: verdict.risk, concerns: concernsOf(verdict), resultEnc })
    .where(and(eq(checkResults.userId, userId), eq(checkResults.item, item)));
  await recordAudit(tx, { actor: { type: "system" }, action: "checks.completed", subjectUserId: userId, details: { item, ...scores, ...(sampled && { sampled: true }) } });
  if (!decide) return;
  const details = { checks: scores };
  if (verdict.outcome === "approve") await decideInTransaction(tx, { type: "system", details }, userId, { decision: "approve", item });
  else {
    const noteToUser = verdict.findings.map((f) => f.message).join(". ").slice(0, 1000);
    await decideInTransaction(tx, { type: "system", details }, userId, { decision: "resubmit", item, noteToUser, internalNote: undefined });
  }
}

/** The checks worker of this instance: takes due jobs one at a time, every few seconds and on a nudge. */
const POLL_MS = 3_000;
const WORKER = "checks-worker";

export function startChecksWorker(db: Db, analyser: Analyser): PeriodicJob {
  return startPeriodic({ name: WORKER, during: "the checks queue", everyMs: POLL_MS }, async (stopping) => {
    for (let job = stopping() ? null : await claimCheckJob(db); job; job = stopping() ? null : await claimCheckJob(db)) await runCheckJob(db, job, analyser);
  });
}

/** After an upload commits: this instance starts on the job now rather than at its next poll. */
export function nudgeChecks(): void {
  void recall<PeriodicJob>(WORKER)?.nudge();
}

/** Jobs of these items still waiting or running, for the case page. */
export async function openCheckJobs(db: Db, userId: string, items: CheckedItem[]): Promise<number> {
  const rows = await db
    .select({ id: checkJobs.id })
    .from(checkJobs)
    .where(and(eq(checkJobs.userId, userId), inArray(checkJobs.item, items), inArray(checkJobs.state, ["queued", "running"])));
  return rows.length;
}
