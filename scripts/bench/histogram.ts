/**
 * A Prometheus histogram as /metrics writes it, read by the bench: the cumulative bucket
 * counts of one metric, the difference between two readings (what one run added), and a
 * quantile by linear interpolation within the bucket it falls in, as PromQL's
 * histogram_quantile computes it.
 */
export type Buckets = { le: number; count: number }[];

const BUCKET_LINE = /^(\w+)_bucket\{(?:[^}]*,)?le="([^"]+)"(?:,[^}]*)?\}\s+(\S+)$/;

/** The buckets of `name` in a Prometheus text exposition, smallest bound first (+Inf last). */
export function readHistogram(text: string, name: string): Buckets {
  const buckets: Buckets = [];
  for (const line of text.split("\n")) {
    const match = BUCKET_LINE.exec(line.trim());
    if (match?.[1] !== name) continue;
    buckets.push({ le: match[2] === "+Inf" ? Infinity : Number(match[2]), count: Number(match[3]) });
  }
  return buckets.sort((a, b) => a.le - b.le);
}

/** What was observed between two readings of one histogram. */
export function histogramDelta(after: Buckets, before: Buckets): Buckets {
  const earlier = new Map(before.map(({ le, count }) => [le, count]));
  return after.map(({ le, count }) => ({ le, count: count - (earlier.get(le) ?? 0) }));
}

/** Several histograms of one metric (one per server) as one. */
export function mergeHistograms(histograms: Buckets[]): Buckets {
  const counts = new Map<number, number>();
  for (const buckets of histograms) for (const { le, count } of buckets) counts.set(le, (counts.get(le) ?? 0) + count);
  return [...counts].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

export function histogramCount(buckets: Buckets): number {
  return buckets.at(-1)?.count ?? 0;
}

/**
 * The q-quantile (0 < q < 1), interpolated linearly within its bucket (from 0 for the first);
 * the largest finite bound when it falls in +Inf; null with no observations.
 */
export function histogramQuantile(buckets: Buckets, q: number): number | null {
  const total = histogramCount(buckets);
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const { le, count } of buckets) {
    if (count >= rank) {
      if (le === Infinity) return lower;
      return lower + (le - lower) * ((rank - below) / Math.max(count - below, 1));
    }
    lower = le;
    below = count;
  }
  return lower;
}
