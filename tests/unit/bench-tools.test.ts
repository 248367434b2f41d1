import { describe, expect, it } from "vitest";

import { histogramCount, histogramDelta, histogramQuantile, mergeHistograms, readHistogram } from "../../scripts/bench/histogram";
import { moduleOf, summarise } from "../../scripts/bench/profile-summary";

const EXPOSITION = `# HELP attest_audit_log_lag_seconds Time from an audit entry's write to its inclusion
# TYPE attest_audit_log_lag_seconds histogram
attest_audit_log_lag_seconds_bucket{le="0.1"} 10
attest_audit_log_lag_seconds_bucket{le="0.5"} 60
attest_audit_log_lag_seconds_bucket{le="1"} 90
attest_audit_log_lag_seconds_bucket{le="+Inf"} 100
attest_audit_log_lag_seconds_sum 40
attest_audit_log_lag_seconds_count 100
attest_http_request_duration_seconds_bucket{le="0.1",route="/kyc/data",method="POST",status="200"} 7
`;

describe("the bench's histogram reader", () => {
  it("reads one metric's buckets and nothing of another's", () => {
    expect(readHistogram(EXPOSITION, "attest_audit_log_lag_seconds")).toEqual([
      { le: 0.1, count: 10 },
      { le: 0.5, count: 60 },
      { le: 1, count: 90 },
      { le: Infinity, count: 100 },
    ]);
    expect(readHistogram(EXPOSITION, "attest_http_request_duration_seconds")).toEqual([{ le: 0.1, count: 7 }]);
  });

  it("interpolates a quantile within its bucket, as histogram_quantile does", () => {
    const buckets = readHistogram(EXPOSITION, "attest_audit_log_lag_seconds");
    expect(histogramQuantile(buckets, 0.05)).toBeCloseTo(0.05);
    expect(histogramQuantile(buckets, 0.5)).toBeCloseTo(0.1 + 0.4 * (40 / 50));
    expect(histogramQuantile(buckets, 0.9)).toBeCloseTo(1);
    // In +Inf: the largest finite bound, the most a histogram can say.
    expect(histogramQuantile(buckets, 0.99)).toBe(1);
    expect(histogramQuantile([{ le: Infinity, count: 0 }], 0.99)).toBeNull();
  });

  it("takes what one run added as the difference of two readings", () => {
    const before = readHistogram(EXPOSITION, "attest_audit_log_lag_seconds");
    const after = before.map(({ le, count }) => ({ le, count: count + (le >= 1 ? 10 : 0) }));
    const run = histogramDelta(after, before);
    expect(histogramCount(run)).toBe(10);
    expect(histogramQuantile(run, 0.99)).toBeCloseTo(0.5 + 0.5 * 0.99);
    // Two servers' runs as one.
    expect(histogramCount(mergeHistograms([run, before]))).toBe(110);
    expect(mergeHistograms([run, before]).map(({ le }) => le)).toEqual([0.1, 0.5, 1, Infinity]);
  });
});

describe("the CPU profile summary", () => {
  const root = "/app/";
  const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

  it("names a frame's module: package, our file, Node or V8", () => {
    expect(moduleOf(frame("verify", "file:///app/node_modules/tiny-secp256k1/lib/index.js"), root)).toBe("tiny-secp256k1");
    expect(moduleOf(frame("parse", "file:///app/node_modules/.pnpm/x/node_modules/@scope/pkg/index.js"), root)).toBe("@scope/pkg");
    expect(moduleOf(frame("withPartner", "file:///app/lib/ocn/authenticate.ts"), root)).toBe("lib/ocn/authenticate.ts");
    expect(moduleOf(frame("emit", "node:events"), root)).toBe("node:internals");
    expect(moduleOf(frame("(garbage collector)", ""), root)).toBe("(garbage collector)");
  });

  it("counts self time per function and total time once per module on the stack, idle left out", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2, 5] },
        { id: 2, callFrame: frame("handler", "file:///app/lib/a.ts"), children: [3] },
        { id: 3, callFrame: frame("helper", "file:///app/lib/a.ts"), children: [4] },
        { id: 4, callFrame: frame("hash", "file:///app/node_modules/pkg/index.js") },
        { id: 5, callFrame: frame("(idle)", "") },
      ],
      samples: [4, 4, 3, 5, 4],
      timeDeltas: [999_000, 1000, 1000, 5000, 2000],
    };
    const summary = summarise(profile, root);
    expect(summary.idleMs).toBe(5);
    expect(summary.busyMs).toBe(4);
    expect(summary.selfByModule).toEqual([
      ["pkg", 3],
      ["lib/a.ts", 1],
    ]);
    // lib/a.ts is on the stack of every busy sample, twice for some, counted once.
    expect(new Map(summary.totalByModule).get("lib/a.ts")).toBe(4);
    // Only the last 2 ms: the final sample.
    expect(summarise(profile, root, 0.002).busyMs).toBe(2);
  });
});

describe("the bench's rate-limits-off hook", () => {
  it("puts a limiter that admits without counting where the process looks for its limiter", async () => {
    const { forget } = await import("@/lib/state/remember");
    const { enforceRateLimit, getRateLimiter } = await import("@/lib/http/rate-limiter");
    forget("rate-limiter");
    try {
      // @ts-expect-error -- a plain .mjs preload without types
      await import("../../scripts/bench/rate-limits-off.mjs");
      // A limit of one, taken three times, and no database behind it: only a limiter that does not count admits them all.
      for (let n = 0; n < 3; n++) await expect(enforceRateLimit("partner:1", 1)).resolves.toBeUndefined();
      expect(await getRateLimiter().take("partner:1", 1)).toMatchObject({ allowed: true, limit: 1 });
    } finally {
      forget("rate-limiter");
    }
  });
});
