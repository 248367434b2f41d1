import "server-only";

import { createHash } from "node:crypto";

import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";

import type { Principal } from "@/lib/credentials/bearer-tokens";
import type { Db, DbOrTx } from "@/lib/db/client";
import { idempotencyKeys } from "@/lib/db/schema";
import { AppError, logUnexpected } from "@/lib/http/errors";
import { startPeriodic } from "@/lib/state/periodic";
import { canonicalJson } from "@/lib/security/canonical-json";

/**
 * `Idempotency-Key` on issuance (SPEC §6): a client that lost an answer sends the request
 * again with the same key and gets the first answer back, without a second credential or
 * charge. Keys are the caller's own (per API account, or per person for personal tokens),
 * stored in the database so every instance sees them, and kept 24 hours.
 *
 * The first request claims the key (a row with no answer yet) before it does anything;
 * its answer is written in the same transaction as the issuance, conditional on still
 * holding the claim, so "issued" and "answer stored" commit together or not at all. A
 * concurrent request with the key waits for that answer. A failure is not stored: the claim
 * is released and a retry runs afresh (a 402 for want of credits should not outlive a top-up).
 */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
// A claim still unanswered after this long belongs to a process that died; the next request takes it over.
const ABANDONED_SECONDS = 60;
const WAIT_MS = 15_000;
const POLL_MS = 25;

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, "visible ASCII characters only")
  .meta({ description: "A key the client chooses per operation (a UUID, say); the same key and body within 24 h return the first answer" });

export type Answer = { status: number; body: unknown };
/** Stores the answer inside the caller's transaction; throws (rolling it back) if the claim was lost. */
export type SaveAnswer = (tx: DbOrTx, answer: Answer) => Promise<void>;

export function principalScope(principal: Principal): string {
  return principal.kind === "account" ? `account:${principal.accountId}` : `user:${principal.userId}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function replay(status: number, body: string): Response {
  return new Response(body, { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "Idempotent-Replayed": "true" } });
}

/** Claims the key: a new row, or one that expired or was abandoned. True when this request now holds it. */
async function claimKey(db: Db, row: { scope: string; route: string; key: string; requestHash: string; claim: string }): Promise<boolean> {
  const [claimed] = await db
    .insert(idempotencyKeys)
    .values(row)
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.route, idempotencyKeys.key],
      set: { requestHash: row.requestHash, claim: row.claim, claimedAt: sql`now()`, createdAt: sql`now()`, status: null, body: null },
      setWhere: sql`${idempotencyKeys.createdAt} < now() - make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS})
        or (${idempotencyKeys.status} is null and ${idempotencyKeys.requestHash} = ${row.requestHash}
            and ${idempotencyKeys.claimedAt} < now() - make_interval(secs => ${ABANDONED_SECONDS}))`,
    })
    .returning({ claim: idempotencyKeys.claim });
  return claimed?.claim === row.claim;
}

/**
 * Runs `run` once per (scope, route, key, body). Without a key it simply runs. `run` may call
 * `save` inside its own transaction; if it does not, the answer is saved after it returns.
 */
export async function runIdempotently(
  db: Db,
  options: { key: string | null; scope: string; route: string; request: unknown },
  run: (save: SaveAnswer | null) => Promise<Answer>,
): Promise<Response> {
  if (options.key === null) {
    const answer = await run(null);
    return Response.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store" } });
  }
  const parsedKey = idempotencyKeySchema.safeParse(options.key);
  if (!parsedKey.success) throw new AppError("INVALID_REQUEST", "Idempotency-Key: 1 to 255 visible ASCII characters", { field: "Idempotency-Key" });
  const where = { scope: options.scope, route: options.route, key: parsedKey.data };
  const requestHash = createHash("sha256").update(canonicalJson(options.request ?? null)).digest("hex");
  const mine = crypto.randomUUID();
  const matches = and(eq(idempotencyKeys.scope, where.scope), eq(idempotencyKeys.route, where.route), eq(idempotencyKeys.key, where.key));
  const deadline = Date.now() + WAIT_MS;

  while (!(await claimKey(db, { ...where, requestHash, claim: mine }))) {
    const [row] = await db
      .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.status, body: idempotencyKeys.body })
      .from(idempotencyKeys)
      .where(matches);
    if (row && row.requestHash !== requestHash) {
      throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request body; use a new key for a new request");
    }
    if (row && row.status !== null && row.body !== null) return replay(row.status, row.body);
    if (Date.now() > deadline) throw new AppError("IDEMPOTENCY_KEY_IN_USE", "A request with this Idempotency-Key is still being processed; retry later");
    // Still running elsewhere (or just released): wait and look again.
    await sleep(POLL_MS);
  }

  let saved = false;
  const save: SaveAnswer = async (tx, answer) => {
    const updated = await tx
      .update(idempotencyKeys)
      .set({ status: answer.status, body: JSON.stringify(answer.body) })
      .where(and(matches, eq(idempotencyKeys.claim, mine)))
      .returning({ key: idempotencyKeys.key });
    if (updated.length === 0) throw new AppError("IDEMPOTENCY_KEY_IN_USE", "This Idempotency-Key was taken over by another request; retry to see its answer");
    saved = true;
  };
  try {
    const answer = await run(save);
    if (!saved) await save(db, answer);
    return Response.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    await db
      .delete(idempotencyKeys)
      .where(and(matches, eq(idempotencyKeys.claim, mine)))
      .catch((failure: unknown) => logUnexpected(failure, "releasing an idempotency key"));
    throw error;
  }
}

/** Keys older than 24 hours are forgotten (a claim honours the age too, so the sweep is only tidying). */
export async function sweepIdempotencyKeys(db: DbOrTx): Promise<number> {
  const removed = await db
    .delete(idempotencyKeys)
    .where(sql`${idempotencyKeys.createdAt} < now() - make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS})`)
    .returning({ key: idempotencyKeys.key });
  return removed.length;
}

/** Hourly, on every instance (a delete of expired rows is harmless to repeat); started once per process. */
export function startIdempotencySweeps(db: Db): void {
  startPeriodic({ name: "idempotency-sweep", during: "the idempotency key sweep", everyMs: 60 * 60 * 1000, runNow: true }, async () => {
    await sweepIdempotencyKeys(db);
  });
}
