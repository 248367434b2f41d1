import "server-only";

import { sql } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";

/**
 * Fixed-window counter in the database, so every app instance counts the same
 * requests. One upsert decides atomically: two concurrent requests can never both
 * take the last slot.
 */
export async function takeRateLimit(
  db: DbOrTx,
  key: string,
  { limit, windowMs, now = new Date() }: { limit: number; windowMs: number; now?: Date },
): Promise<{ allowed: boolean; retryAt: Date }> {
  // Plain ISO strings with casts: both drivers (PGlite, postgres.js) take them the same way.
  const floor = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
  const start = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        // A window that has run out starts again from this request.
        windowStart: sql`case when ${rateLimits.windowStart} <= ${floor} then ${start} else ${rateLimits.windowStart} end`,
        count: sql`case when ${rateLimits.windowStart} <= ${floor} then 1 else ${rateLimits.count} + 1 end`,
      },
    })
    .returning({ windowStart: rateLimits.windowStart, count: rateLimits.count });
  return { allowed: row!.count <= limit, retryAt: new Date(row!.windowStart.getTime() + windowMs) };
}
