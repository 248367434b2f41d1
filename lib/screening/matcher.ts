/**
 * Screening a person against a loaded sanctions list (SPEC §8). The index is built once
 * per list; screening one person only scores entries that share blocking keys with
 * their name, so a list of hundreds of thousands of names stays fast.
 */
import type { SanctionsEntry } from "./csv";
import { tokenKeys } from "./keys";
import { nameTokens } from "./normalize";
import { birthDateFactor, nameSimilarity } from "./score";

export type { SanctionsEntry } from "./csv";
export { parseSanctionsCsv } from "./csv";
export { nameTokens, normalizeName } from "./normalize";

export const DEFAULT_SCREENING_THRESHOLD = 0.88;

/** One spelling of one entry: its name or an alias. */
interface Variant {
  entry: number;
  text: string;
  tokens: string[];
}

export interface ScreeningIndex {
  readonly entries: readonly SanctionsEntry[];
  readonly variants: readonly Variant[];
  /** Blocking key → variant numbers. */
  readonly keys: ReadonlyMap<string, readonly number[]>;
}

export interface ScreeningMatch {
  entryId: string;
  name: string;
  /** The name or alias that scored best. */
  matchedName: string;
  score: number;
  birthDates: string[];
  countries: string[];
  aliases?: string[];
  programs?: string[];
  /** The score's parts: the name similarity, and the birth-date factor it was multiplied by. */
  nameScore?: number;
  birthDateFactor?: number;
}

export interface ScreeningResult {
  status: "clear" | "hit";
  matches: ScreeningMatch[];
}

export interface ScreenedPerson {
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth?: string | null;
}

export function buildScreeningIndex(entries: readonly SanctionsEntry[]): ScreeningIndex {
  const variants: Variant[] = [];
  const keys = new Map<string, number[]>();
  entries.forEach((entry, e) => {
    const spellings = new Set<string>();
    for (const text of [entry.name, ...entry.aliases]) {
      const tokens = nameTokens(text);
      const normalized = tokens.join(" ");
      if (!normalized || spellings.has(normalized)) continue;
      spellings.add(normalized);
      const v = variants.push({ entry: e, text, tokens }) - 1;
      for (const key of new Set(tokens.flatMap(tokenKeys))) {
        const bucket = keys.get(key);
        if (bucket) bucket.push(v);
        else keys.set(key, [v]);
      }
    }
  });
  return { entries, variants, keys };
}

/**
 * A key this rare is worth following on its own: scoring its few variants is cheap, and
 * it lets "Zose Munoz" meet "Jose Munoz" through the unusual surname alone.
 */
const RARE_KEY_LIMIT = 32;

/**
 * Variants that share keys with at least two of the person's words (one for one-word
 * names), or any rare key. One shared common word alone ("mohammed", "smith") would make
 * a large part of a real list a candidate. What this can miss: a name of which only one
 * word still shares a key with the entry, and a common key at that.
 */
function candidates(index: ScreeningIndex, tokens: readonly string[]): number[] {
  const scratch = scratchFor(index);
  const { seenAt, count, rare } = scratch;
  const distinct = new Set(tokens);
  const touched: number[] = [];
  for (const token of distinct) {
    const epoch = nextEpoch(scratch);
    for (const key of tokenKeys(token)) {
      const bucket = index.keys.get(key);
      if (!bucket) continue;
      const isRare = bucket.length <= RARE_KEY_LIMIT;
      for (const v of bucket) {
        if (isRare) rare[v] = 1; // v is touched by now or just below, so it gets reset
        if (seenAt[v] === epoch) continue; // each of the person's words counts once
        seenAt[v] = epoch;
        if (count[v] === 0) touched.push(v);
        count[v] = (count[v] ?? 0) + 1;
      }
    }
  }

  const needed = Math.min(2, distinct.size);
  const out: number[] = [];
  for (const v of touched) {
    const variantTokens = index.variants[v]?.tokens.length ?? 0;
    // One word is not an identity: the person "Jose" would otherwise match every "Jose …"
    // entry perfectly, and a one-word alias every person who shares that word.
    const comparable = (variantTokens === 1) === (distinct.size === 1);
    if (comparable && (rare[v] === 1 || (count[v] ?? 0) >= needed)) out.push(v);
    count[v] = 0;
    rare[v] = 0;
  }
  return out;
}

/**
 * Per-index counters reused across calls: allocating and clearing arrays the size of the
 * list for every person screened would cost more than the screening. Safe because
 * screening is synchronous, so two calls never interleave.
 */
interface Scratch {
  seenAt: Int32Array;
  count: Uint16Array;
  rare: Uint8Array;
  epoch: number;
}
const scratches = new WeakMap<ScreeningIndex, Scratch>();

function scratchFor(index: ScreeningIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch) {
    const n = index.variants.length;
    scratch = { seenAt: new Int32Array(n), count: new Uint16Array(n), rare: new Uint8Array(n), epoch: 0 };
    scratches.set(index, scratch);
  }
  return scratch;
}

function nextEpoch(scratch: Scratch): number {
  if (scratch.epoch >= 0x3fffffff) {
    scratch.seenAt.fill(0);
    scratch.epoch = 0;
  }
  return ++scratch.epoch;
}

export function screenPerson(
  index: ScreeningIndex,
  person: ScreenedPerson,
  { threshold = DEFAULT_SCREENING_THRESHOLD }: { threshold?: number } = {},
): ScreeningResult {
  const tokens = nameTokens(person.fullName);
  if (tokens.length === 0) return { status: "clear", matches: [] };

  // Best spelling per entry.
  const best = new Map<number, { score: number; text: string }>();
  for (const v of candidates(index, tokens)) {
    const variant = index.variants[v];
    if (!variant) continue;
    const score = nameSimilarity(tokens, variant.tokens);
    const current = best.get(variant.entry);
    if (!current || score > current.score) best.set(variant.entry, { score, text: variant.text });
  }

  const matches: ScreeningMatch[] = [];
  for (const [e, { score, text }] of best) {
    const entry = index.entries[e];
    if (!entry) continue;
    const factor = birthDateFactor(entry.birthDates, person.dateOfBirth);
    const adjusted = Math.min(1, score * factor);
    if (adjusted < threshold) continue;
    matches.push({
      entryId: entry.id,
      name: entry.name,
      matchedName: text,
      score: adjusted,
      birthDates: [...entry.birthDates],
      countries: [...entry.countries],
      aliases: [...entry.aliases],
      programs: [...(entry.programs ?? [])],
      nameScore: score,
      birthDateFactor: factor,
    });
  }
  matches.sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId));
  return { status: matches.length > 0 ? "hit" : "clear", matches };
}
