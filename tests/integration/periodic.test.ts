import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { closeDb, getDb } from "@/lib/db/client";
import { startPeriodic } from "@/lib/state/periodic";

/**
 * Every background job (expiry sweeps, the outbox worker, the audit sequencer, the checks
 * queue) is a periodic job: a shutdown closes the database only after the pass under way
 * has finished, so no query of it meets a closed pool and nothing is logged as unexpected.
 */
describe("a periodic job", () => {
  it("is stopped by closing the database, which waits for the pass under way", async () => {
    const db = await getDb();
    const errors = vi.spyOn(console, "error");
    const queries: number[] = [];
    let passStarted!: () => void;
    const started = new Promise<void>((resolve) => (passStarted = resolve));
    const job = startPeriodic({ name: "test-periodic", during: "the test job", everyMs: 60_000, runNow: true }, async () => {
      passStarted();
      // Two queries with a pause between them, as a sweep's loop makes: the close comes in the pause.
      await db.execute(sql`select 1`);
      queries.push(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await db.execute(sql`select 2`);
      queries.push(2);
    });
    await started;
    await closeDb();
    expect(queries).toEqual([1, 2]);
    expect(errors).not.toHaveBeenCalled();

    await job.nudge();
    expect(queries).toHaveLength(2);
  });
});
