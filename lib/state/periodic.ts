import { onCloseDb } from "@/lib/db/client";
import { logUnexpected } from "@/lib/http/errors";

import { forget, remember } from "./remember";

export type PeriodicJob = {
  /** The first pass's promise when the job runs at once (`runNow`), else resolved. */
  first: Promise<void>;
  /** Runs a pass now, unless one is under way (then its promise). */
  nudge: () => Promise<void>;
  /** Clears the timer and waits for the pass under way. */
  stop: () => Promise<void>;
};

type Options = {
  /** The process-state name: the job starts once per process, however often start-up runs. */
  name: string;
  /** What the log calls it when a pass fails ("the expiry sweep"). */
  during: string;
  everyMs: number;
  runNow?: boolean;
};

/**
 * A background job every instance runs on a timer: one pass at a time (a tick that comes
 * during a slow pass is skipped), a failed pass logged without its data and retried at the
 * next tick, the timer never keeping the process alive. Closing the database stops the job
 * and waits for its pass, so a shutdown never cuts a query off mid-flight. `pass` is told
 * whether the job is stopping, for loops that would otherwise drain a long queue first.
 */
export function startPeriodic(options: Options, pass: (stopping: () => boolean) => Promise<void>): PeriodicJob {
  return remember(options.name, () => {
    let current: Promise<void> | null = null;
    let stopped = false;
    const nudge = (): Promise<void> => {
      if (stopped) return current ?? Promise.resolve();
      current ??= pass(() => stopped)
        .catch((error: unknown) => logUnexpected(error, options.during))
        .finally(() => (current = null));
      return current;
    };
    const timer = setInterval(() => void nudge(), options.everyMs).unref();
    const stop = async () => {
      if (stopped) return current ?? undefined;
      stopped = true;
      clearInterval(timer);
      forget(options.name);
      await current;
    };
    onCloseDb(stop);
    return { first: options.runNow ? nudge() : Promise.resolve(), nudge, stop };
  });
}
