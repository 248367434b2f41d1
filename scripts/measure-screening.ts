/**
 * Measures sanctions screening at a realistic scale (SPEC §8): a generated list of
 * 50,000 entries and 10,000 users, from a seeded PRNG so runs are comparable.
 *
 *   npx tsx scripts/measure-screening.ts [entries] [users]
 *
 * A few users are planted near-copies of list entries (misspelt, reordered), so the
 * run also shows that the index still finds them.
 */
import { performance } from "node:perf_hooks";
import type { SanctionsEntry } from "../lib/screening/csv";
import { buildScreeningIndex, screenPerson, type ScreenedPerson } from "../lib/screening/matcher";

const ENTRIES = Number(process.argv[2] ?? 50_000);
const USERS = Number(process.argv[3] ?? 10_000);
const PLANTED_SHARE = 0.02;

/** mulberry32: tiny, seedable, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261123);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
// Squaring skews towards the start of a pool, like real name frequencies.
const pickCommon = <T>(xs: readonly T[]): T => xs[Math.floor(random() ** 2 * xs.length)] as T;

const ONSETS = ["b", "ch", "d", "f", "g", "h", "j", "k", "kh", "l", "m", "n", "p", "r", "s", "sh", "t", "v", "y", "z", ""];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "é", "ö", "ia"];
const CODAS = ["", "", "n", "r", "s", "l", "m", "k", "v", "d"];

function word(syllables: number): string {
  let w = "";
  for (let i = 0; i < syllables; i++) w += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
  return w.charAt(0).toUpperCase() + w.slice(1);
}
const unique = (n: number, syllables: () => number) => [...new Set(Array.from({ length: n }, () => word(syllables())))];
const FIRST = unique(3_000, () => 2 + int(2));
const LAST = unique(30_000, () => 2 + int(3));

function typo(name: string): string {
  const i = 1 + int(Math.max(1, name.length - 2));
  const c = "aeioulnrst".charAt(int(10));
  return random() < 0.5 ? name.slice(0, i) + c + name.slice(i + 1) : name.slice(0, i) + name.slice(i + 1);
}
function date(from: number, to: number): string {
  const d = new Date(Date.UTC(from + int(to - from), int(12), 1 + int(28)));
  return d.toISOString().slice(0, 10);
}

function makeEntry(i: number): SanctionsEntry {
  const parts = [pickCommon(FIRST), ...(random() < 0.3 ? [pickCommon(FIRST)] : []), pickCommon(LAST)];
  const name = parts.join(" ");
  const aliases: string[] = [];
  for (let k = int(4); k > 0; k--) {
    const r = random();
    if (r < 0.3) aliases.push([...parts].reverse().join(" "));
    else if (r < 0.7) aliases.push(parts.map((p) => (random() < 0.5 ? typo(p) : p)).join(" "));
    else aliases.push(`${pickCommon(FIRST)} ${pickCommon(LAST)}`);
  }
  const birthDates: string[] = [];
  if (random() < 0.7) birthDates.push(random() < 0.2 ? date(1940, 1995).slice(0, 4) : date(1940, 1995));
  if (random() < 0.1) birthDates.push(date(1940, 1995));
  return { id: `gen-${i}`, schema: "Person", name, aliases, birthDates, countries: [], dataset: "generated" };
}

const entries = Array.from({ length: ENTRIES }, (_, i) => makeEntry(i));
const planted = new Set<number>();
const users: ScreenedPerson[] = Array.from({ length: USERS }, (_, u) => {
  if (random() < PLANTED_SHARE) {
    planted.add(u);
    const target = pick(entries);
    const parts = target.name.split(" ").map((p) => (random() < 0.5 ? typo(p) : p));
    return { fullName: (random() < 0.5 ? parts.reverse() : parts).join(" "), dateOfBirth: target.birthDates[0]?.length === 10 ? target.birthDates[0] : undefined };
  }
  return { fullName: `${pickCommon(FIRST)} ${pickCommon(LAST)}`, dateOfBirth: date(1940, 2008) };
});

const t0 = performance.now();
const index = buildScreeningIndex(entries);
const t1 = performance.now();
let hits = 0;
let plantedFound = 0;
users.forEach((user, u) => {
  const result = screenPerson(index, user);
  if (result.status === "hit") {
    hits++;
    if (planted.has(u)) plantedFound++;
  }
});
const t2 = performance.now();

const ms = (x: number) => `${Math.round(x)} ms`;
console.log(`entries            ${entries.length} (${index.variants.length} spellings, ${index.keys.size} keys)`);
console.log(`users              ${users.length}`);
console.log(`index build        ${ms(t1 - t0)}`);
console.log(`screening          ${ms(t2 - t1)} (${((t2 - t1) / users.length).toFixed(3)} ms per user)`);
console.log(`hits               ${hits} (planted near-copies found: ${plantedFound} of ${planted.size})`);
console.log(`heap used          ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
