/**
 * Where PostgreSQL's request backends spend a run: pg_stat_activity sampled every 20 ms on a
 * connection of its own, counting each busy backend of the bench database by its wait event
 * ("running" when it waits on nothing, i.e. is on a CPU). "Client:ClientRead" while idle in a
 * transaction is time the server holds a transaction open while it works in Node.
 */
import postgres from "postgres";

const SAMPLE_MS = 20;

export type WaitEvents = { samples: number; busyPerSample: number; top: { event: string; share: number }[]; lockedIn: { query: string; share: number }[] };

export function sampleWaitEvents(databaseUrl: string): { stop: () => Promise<WaitEvents> } {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const database = new URL(databaseUrl).pathname.slice(1);
  const counts = new Map<string, number>();
  // For lock waits, the statement that waits: which row or lock the time goes to.
  const lockQueries = new Map<string, number>();
  let samples = 0;
  let busy = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await sql<{ event: string; query: string }[]>`
        select coalesce(wait_event_type || ':' || wait_event, 'running') as event, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 90) as query
        from pg_stat_activity
        where datname = ${database} and backend_type = 'client backend' and pid <> pg_backend_pid()
          and state in ('active', 'idle in transaction')`;
      samples += 1;
      busy += rows.length;
      for (const { event, query } of rows) {
        counts.set(event, (counts.get(event) ?? 0) + 1);
        if (event.startsWith("Lock:")) lockQueries.set(query, (lockQueries.get(query) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await sql.end();
      const ranked = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
      const top = ranked(counts, 5).map(([event, count]) => ({ event, share: busy ? count / busy : 0 }));
      const lockedIn = ranked(lockQueries, 2).map(([query, count]) => ({ query, share: busy ? count / busy : 0 }));
      return { samples, busyPerSample: samples ? busy / samples : 0, top, lockedIn };
    },
  };
}

export function formatWaitEvents({ busyPerSample, top, lockedIn }: WaitEvents): string {
  if (top.length === 0) return "no busy backend sampled";
  const percent = (share: number) => `${Math.round(share * 100)} %`;
  const locks = lockedIn.map(({ query, share }) => `; lock waits in \`${query}\` ${percent(share)}`).join("");
  return `${busyPerSample.toFixed(1)} busy backends on average; ${top.map(({ event, share }) => `${event} ${percent(share)}`).join(", ")}${locks}`;
}
