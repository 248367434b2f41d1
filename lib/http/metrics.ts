import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

import { forget, recall, remember } from "@/lib/state/remember";

/**
 * Prometheus metrics (GET /metrics). One registry per process: the server and Next's bundles
 * load this module separately, so the registry and its metrics are remembered process-wide
 * and whichever copy runs first creates them for both.
 */
export type Metrics = {
  registry: Registry;
  requests: Counter<"route" | "method" | "status">;
  inFlight: Gauge;
  requestDuration: Histogram<"route" | "method" | "status">;
  jobDuration: Histogram<"job" | "outcome">;
  expiredItems: Counter;
  revokedCredentials: Counter;
};

/** A database's own report for the pool gauge, read at scrape time; null where it has none. */
export type PoolReport = () => Promise<{ active: number; idle: number; max: number } | null>;

function createMetrics(): Metrics {
  const registry = new Registry();
  const labelNames = ["route", "method", "status"] as const;
  const pool = new Gauge({
    name: "attest_db_pool_connections",
    help: "PostgreSQL connections this process holds, by state (in use, idle) and the pool's maximum; absent on embedded PGlite, which has a single in-process connection",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      const report = await recall<PoolReport>("pool-report")?.().catch(() => null);
      if (!report) return;
      this.set({ state: "active" }, report.active);
      this.set({ state: "idle" }, report.idle);
      this.set({ state: "max" }, report.max);
    },
  });
  void pool;
  // The process's own: CPU, memory, event-loop delay, open handles, garbage collection.
  collectDefaultMetrics({ register: registry, prefix: "attest_" });
  return {
    registry,
    inFlight: new Gauge({ name: "attest_http_requests_in_flight", help: "Requests received and not yet answered", registers: [registry] }),
    requests: new Counter({ name: "attest_http_requests_total", help: "HTTP requests answered, by route template, method and status", labelNames, registers: [registry] }),
    requestDuration: new Histogram({
      name: "attest_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by route template, method and status",
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: "attest_job_duration_seconds",
      help: "Duration of periodic jobs (the expiry sweep), by job and outcome",
      labelNames: ["job", "outcome"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    expiredItems: new Counter({ name: "attest_expiry_sweep_items_expired_total", help: "Verifications the expiry sweep marked expired", registers: [registry] }),
    revokedCredentials: new Counter({ name: "attest_expiry_sweep_credentials_revoked_total", help: "Credentials the expiry sweep revoked", registers: [registry] }),
  };
}

export function metrics(): Metrics {
  return remember("metrics", createMetrics);
}

/** The database client registers how to read its pool once it is open. */
export function reportPoolWith(report: PoolReport): void {
  forget("pool-report");
  remember("pool-report", () => report);
}

/** Times `work` as one run of `job` in attest_job_duration_seconds, failed or not. */
export async function timeJob<T>(job: string, work: () => Promise<T>): Promise<T> {
  const end = metrics().jobDuration.startTimer({ job });
  try {
    const result = await work();
    end({ outcome: "ok" });
    return result;
  } catch (error) {
    end({ outcome: "error" });
    throw error;
  }
}
