import "server-only";

import { sql } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { rateLimitBudgets } from "@/lib/db/schema";
import { AppError, logUnexpected } from "@/lib/http/errors";
import { remember } from "@/lib/state/remember";

/**
 * Requests per minute per partner (OCN routes) and per API account (Credentials API), counted
 * across every instance without a database round trip per request.
 *
 * The database hands out each caller's minute in leases (rate_limit_budgets, one row per
 * caller): an instance asks for a block of requests, the upsert grants what is left of the
 * limit up to that block, and the instance then admits that many from memory. Only when its
 * lease is spent does a request wait for the next one (one round trip per block, not per
 * request); requests that need a lease at the same moment, for any callers, share one
 * batched statement. Blocks are a tenth of the limit, and a quarter of what remains once
 * that is less, so they shrink as the minute's budget runs low.
 *
 * The trade-off, on purpose: the limit is never exceeded, whatever the number of instances,
 * because every admitted request was granted by the database first. The inexactness is the
 * other way: requests leased to one instance and not used there are lost for the rest of that
 * minute, so a caller spread over n instances may be refused up to about n × (a quarter of
 * the remainder, at most a tenth of the limit) requests early near the end of a window.
 * Windows are fixed minutes of each instance's clock.
 */
export { DEFAULT_RATE_LIMIT_PER_MINUTE } from "@/lib/http/rate-limit-schema";
export const RATE_LIMIT_WINDOW_SECONDS = 60;
const WINDOW_MS = RATE_LIMIT_WINDOW_SECONDS * 1000;
const MAX_COUNTERS = 10_000;

type Counter = { window: number; limit: number; tokens: number; handedOut: number; exhausted: boolean };

export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

type LeaseRequest = { key: string; counter: Counter; want: number; done: Promise<void>; release: () => void; fail: (error: unknown) => void };

const leaseSize = (limit: number) => Math.max(1, Math.ceil(limit / 10));

export class RateLimiter {
  readonly #counters = new Map<string, Counter>();
  /** Lease requests waiting for the next batch, by caller; one batch is sent at a time. */
  #queued = new Map<string, LeaseRequest>();
  #inFlight = new Map<string, LeaseRequest>();
  #draining = false;

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one request for `subject`: admitted from this instance's lease, or refused once the database has no more to grant. */
  async take(subject: string, limit: number): Promise<RateDecision> {
    for (;;) {
      const counter = this.#counter(subject, limit);
      const resetSeconds = Math.max(1, Math.ceil(((counter.window + 1) * WINDOW_MS - this.clock()) / 1000));
      if (counter.tokens > 0) {
        counter.tokens -= 1;
        return { allowed: true, limit, remaining: Math.max(0, limit - counter.handedOut + counter.tokens), resetSeconds };
      }
      if (counter.exhausted) return { allowed: false, limit, remaining: 0, resetSeconds };
      try {
        await this.#lease(subject, counter);
      } catch (error) {
        // The budget cannot be shared just now: admit (the request needs the database anyway) rather than refuse everyone.
        logUnexpected(error, "leasing a rate limit budget");
        return { allowed: true, limit, remaining: 0, resetSeconds };
      }
    }
  }

  #counter(subject: string, limit: number): Counter {
    const window = Math.floor(this.clock() / WINDOW_MS);
    let counter = this.#counters.get(subject);
    if (!counter || counter.window !== window) {
      // Callers are registered partners and accounts, but a long-running process still drops past minutes.
      if (this.#counters.size >= MAX_COUNTERS) for (const [key, old] of this.#counters) if (old.window !== window) this.#counters.delete(key);
      counter = { window, limit, tokens: 0, handedOut: 0, exhausted: false };
      this.#counters.set(subject, counter);
    } else if (counter.limit !== limit) {
      // An admin changed the limit: a raised one may grant again; a lowered one stops at the lease in hand.
      counter.limit = limit;
      counter.exhausted = counter.handedOut >= limit;
    }
    return counter;
  }

  /** Waits for a lease for this caller, joining the next batch (or the one under way for it). */
  #lease(key: string, counter: Counter): Promise<void> {
    const pending = this.#queued.get(key) ?? this.#inFlight.get(key);
    if (pending && pending.counter === counter) return pending.done;
    const request = { key, counter, want: leaseSize(counter.limit) } as LeaseRequest;
    request.done = new Promise<void>((resolve, reject) => {
      request.release = resolve;
      request.fail = reject;
    });
    this.#queued.set(key, request);
    void this.#drain();
    return request.done;
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      // Requests that need a lease in this same tick join the batch.
      await Promise.resolve();
      while (this.#queued.size > 0) {
        const batch = [...this.#queued.values()];
        this.#inFlight = this.#queued;
        this.#queued = new Map();
        try {
          await this.#grant(batch);
          for (const request of batch) request.release();
        } catch (error) {
          for (const request of batch) request.fail(error);
        } finally {
          this.#inFlight = new Map();
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  /** One statement for every caller in the batch: grant each what is left, up to its block. */
  async #grant(batch: LeaseRequest[]): Promise<void> {
    const db = await this.db();
    const values = batch.map(({ key, counter, want }) => {
      // A new window's first block; on a live row the same number caps the grant (see `grant`).
      const first = Math.min(want, Math.ceil(counter.limit / 4));
      return { key, windowStart: new Date(counter.window * WINDOW_MS), handedOut: first, lastGrant: first, limitPerMinute: counter.limit };
    });
    const b = rateLimitBudgets;
    const stale = sql`${b.windowStart} < excluded.window_start`;
    // On a live row: the block, or a quarter of what remains when that is less (0 once it is all handed out).
    const grant = sql`least(excluded.last_grant, ceil(greatest(excluded.limit_per_minute - ${b.handedOut}, 0) / 4.0)::int)`;
    const rows = await db
      .insert(b)
      .values(values)
      .onConflictDoUpdate({
        target: b.key,
        set: {
          lastGrant: sql`case when ${stale} then excluded.handed_out else ${grant} end`,
          handedOut: sql`case when ${stale} then excluded.handed_out else ${b.handedOut} + ${grant} end`,
          windowStart: sql`greatest(${b.windowStart}, excluded.window_start)`,
          limitPerMinute: sql`excluded.limit_per_minute`,
        },
      })
      .returning({ key: b.key, lastGrant: b.lastGrant, handedOut: b.handedOut });
    const granted = new Map(rows.map((row) => [row.key, row]));
    for (const { key, counter } of batch) {
      const row = granted.get(key);
      if (!row) continue;
      counter.tokens += row.lastGrant;
      counter.handedOut = row.handedOut;
      if (row.lastGrant === 0) counter.exhausted = true;
    }
  }

  /** Test hook: what this instance holds for a caller. */
  peek(subject: string): Readonly<Counter> | undefined {
    return this.#counters.get(subject);
  }
}

/** The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) for a decision. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    "RateLimit-Policy": `"default";q=${decision.limit};w=${RATE_LIMIT_WINDOW_SECONDS}`,
    RateLimit: `"default";r=${decision.remaining};t=${decision.resetSeconds}`,
  };
}

export function rateLimited(decision: RateDecision): AppError {
  return new AppError("RATE_LIMITED", `Over the limit of ${decision.limit} requests per minute; retry in ${decision.resetSeconds} s.`, undefined, {
    "Retry-After": String(decision.resetSeconds),
    ...rateLimitHeaders(decision),
  });
}

/** The process's limiter (one per instance; instances share only the database). */
export function getRateLimiter(): RateLimiter {
  return remember("rate-limiter", () => new RateLimiter(async () => (await import("@/lib/db/client")).getDb()));
}

/** Counts a request and throws RATE_LIMITED (with Retry-After and RateLimit headers) over the limit. */
export async function enforceRateLimit(subject: string, limit: number): Promise<void> {
  const decision = await getRateLimiter().take(subject, limit);
  if (!decision.allowed) throw rateLimited(decision);
}
