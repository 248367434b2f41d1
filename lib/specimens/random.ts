/** Seeded, deterministic pseudo-random numbers for the demo images (pure-rand's xoroshiro128+). */
import { createHash } from "node:crypto";

import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

export type Rng = ReturnType<typeof rng>;

export function rng(seed: number) {
  const g = xoroshiro128plus(seed);
  const int = (lo: number, hi: number) => uniformInt(g, lo, hi);
  const range = (lo: number, hi: number) => lo + (hi - lo) * uniformFloat64(g);
  return { int, range, pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!, chance: (p: number) => range(0, 1) < p };
}

/** A stable 32-bit hash of a string, for deriving e.g. a cover colour from a country code. */
export const hashString = (s: string) => createHash("sha256").update(s).digest().readUInt32BE(0);
