/**
 * Name and birth-date scoring (SPEC §8).
 *
 * Names are compared word by word: each word of the shorter name is paired with its most
 * similar word of the other (Jaro–Winkler), and the score is the mean of those pairs
 * weighted by word length. Pairing makes word order irrelevant. Jaro–Winkler over the
 * whole sorted string was tried first and rejected: its prefix bonus gave "Timur
 * Shakirov" 0.94 against "Rustam Shakirov" because the shared surname sorted first.
 * Extra words on the longer side (middle names) cost nothing: a list entry whose every
 * word appears in the person's name is exactly what screening must surface.
 */
import { jaroWinkler } from "@skyra/jaro-winkler";

/** Multiplier when the entry's birth dates all contradict the person's. */
export const BIRTH_DATE_CONTRADICTION_FACTOR = 0.85;
/** Multiplier when a full birth date is identical (capped at 1). */
export const BIRTH_DATE_MATCH_FACTOR = 1.05;

/** Both arguments are token lists (see nameTokens); 1 means the same words. */
export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return 0;

  // Every pair, best first; then take pairs greedily so no word is used twice.
  const pairs: { i: number; j: number; score: number }[] = [];
  short.forEach((s, i) => long.forEach((l, j) => pairs.push({ i, j, score: s === l ? 1 : jaroWinkler(s, l) })));
  pairs.sort((x, y) => y.score - x.score);
  const usedShort = new Set<number>();
  const usedLong = new Set<number>();
  let weighted = 0;
  let weights = 0;
  for (const { i, j, score } of pairs) {
    if (usedShort.has(i) || usedLong.has(j)) continue;
    usedShort.add(i);
    usedLong.add(j);
    const weight = Math.max(short[i]?.length ?? 0, long[j]?.length ?? 0);
    weighted += score * weight;
    weights += weight;
    if (usedShort.size === short.length) break;
  }
  return weights === 0 ? 0 : weighted / weights;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 1 when nothing can be said. Entry dates may be partial ("1961", "1961-02") and are
 * compared at their own precision, so a year-only entry never contradicts a full date in it.
 */
export function birthDateFactor(entryDates: readonly string[], dateOfBirth: string | null | undefined): number {
  if (!dateOfBirth || !FULL_DATE.test(dateOfBirth) || entryDates.length === 0) return 1;
  if (entryDates.includes(dateOfBirth)) return BIRTH_DATE_MATCH_FACTOR;
  return entryDates.some((d) => dateOfBirth.startsWith(d)) ? 1 : BIRTH_DATE_CONTRADICTION_FACTOR;
}
