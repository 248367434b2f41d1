/**
 * Turns what OCR read from a passport's machine-readable zone into the two TD3 lines, using only
 * ICAO 9303's own structure: which positions hold digits or letters, that filler `<` runs to the end
 * of line 1 once three appear, and the check digits. A field whose check digit fails is repaired only
 * when exactly one swap between look-alike characters makes it hold; anything else stays unread.
 * A line 2 one character short or long (OCR dropped or doubled one) is tried with each character
 * ICAO allows inserted at each position, or each character removed: it is repaired only when exactly
 * one such line has every check digit holding, the composite included.
 */
import { mrzCheckDigit } from "@/lib/documents/mrz-text";

const TD3 = 44;
// What OCR confuses: a letter read where a digit must be, and the reverse.
const AS_DIGIT: Record<string, string> = { O: "0", D: "0", Q: "0", U: "0", I: "1", L: "1", T: "1", Z: "2", S: "5", B: "8", G: "6", A: "4" };
const AS_LETTER: Record<string, string> = { "0": "O", "1": "I", "2": "Z", "4": "A", "5": "S", "6": "G", "8": "B" };
const LOOK_ALIKES: Record<string, string[]> = {
  "0": ["O", "D", "Q"], O: ["0", "D", "Q"], D: ["0", "O"], Q: ["0", "O"],
  "1": ["I", "L"], I: ["1", "L"], L: ["1", "I"],
  "2": ["Z"], Z: ["2"], "5": ["S"], S: ["5"], "8": ["B"], B: ["8"], "6": ["G"], G: ["6"],
};

/** Line 2: [start, end) of each field guarded by the check digit at `check`. */
const CHECKED_FIELDS = [
  { start: 0, end: 9, check: 9, digits: false },
  { start: 13, end: 19, check: 19, digits: true },
  { start: 21, end: 27, check: 27, digits: true },
  { start: 28, end: 42, check: 42, digits: false },
] as const;
const COMPOSITE = 43;
// The composite check digit covers the number, birth and expiry dates and personal number with their digits.
const COMPOSITE_SPANS = [[0, 10], [13, 20], [21, 43]] as const;
const fieldBefore = (chars: string[], check: number) => {
  const field = CHECKED_FIELDS.find((f) => f.check === check)!;
  return chars.slice(field.start, field.end).join("");
};
const DIGIT_POSITIONS = [9, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 42, 43];
const LETTER_POSITIONS = [10, 11, 12, 20];

export type MrzRepair = { lines: [string, string]; repairs: number };

function fit(line: string): string {
  return line.length >= TD3 ? line.slice(0, TD3) : line.padEnd(TD3, "<");
}

function force(line: string[], positions: number[], map: Record<string, string>): number {
  let changed = 0;
  for (const i of positions) {
    const c = line[i];
    if (c !== undefined && map[c]) {
      line[i] = map[c];
      changed++;
    }
  }
  return changed;
}

/** Names without a digit that sits beside the letter it looks like ("R0OSA"): one glyph OCR read both ways. */
function withoutDoubledGlyphs(names: string): string {
  return [...names].filter((c, i) => !(AS_LETTER[c] && (names[i - 1] === AS_LETTER[c] || names[i + 1] === AS_LETTER[c]))).join("");
}

/** Line 1: "P", a type letter or "<", the issuing state, then names; three fillers end the names. */
function repairLine1(raw: string): { line: string; repairs: number } {
  const names = withoutDoubledGlyphs(raw.slice(5));
  const chars = [...fit(raw.slice(0, 5) + names)];
  let repairs = force(chars, [0, 2, 3, 4], AS_LETTER) + (raw.length - 5 - names.length);
  let line = chars.join("");
  const end = line.indexOf("<<<", 5);
  if (end > 0) {
    const filled = line.slice(0, end).padEnd(TD3, "<");
    repairs += [...filled].filter((c, i) => c !== line[i]).length;
    line = filled;
  }
  // Letters only in the names: a digit there is a misread letter.
  const letters = [...line.slice(5)].map((c) => AS_LETTER[c] ?? c).join("");
  repairs += [...letters].filter((c, i) => c !== line[5 + i]).length;
  return { line: line.slice(0, 5) + letters, repairs };
}

/** The one look-alike swap inside [start, end) that makes the check digit hold, if exactly one does; whether it swapped. */
function repairField(chars: string[], start: number, end: number, check: number): boolean {
  const field = () => chars.slice(start, end).join("");
  if (mrzCheckDigit(field()) === chars[check]) return false;
  const fixes: [number, string][] = [];
  for (let i = start; i < end; i++) {
    for (const alt of LOOK_ALIKES[chars[i]!] ?? []) {
      const was = chars[i]!;
      chars[i] = alt;
      if (mrzCheckDigit(field()) === chars[check]) fixes.push([i, alt]);
      chars[i] = was;
    }
  }
  // Only one check digit judges a swap (the composite weighs the number's characters exactly as its
  // own check digit does), so a swap must also leave the shape most issuers write: letters, then digits.
  // Otherwise one misread that is no look-alike, "evened out" by a swap elsewhere, would pass.
  const shaped = (fix: [number, string]) => /^[A-Z]*[0-9]+<*$/.test(chars.slice(start, end).map((c, k) => (start + k === fix[0] ? fix[1] : c)).join(""));
  const chosen = fixes.filter(shaped);
  if (chosen.length !== 1) return false;
  const [i, alt] = chosen[0]!;
  chars[i] = alt;
  return true;
}

/** `guesses`: look-alike swaps and worked-out check digits, the repairs a check digit does not confirm on its own. */
type Line2 = { line: string; repairs: number; guesses: number };

function repairLine2Shape(raw: string): Line2 {
  const chars = [...fit(raw)];
  // A check digit read as a letter was not legible; it is worked out from its field instead.
  const illegible = [...CHECKED_FIELDS.map((f) => f.check), COMPOSITE].filter((i) => !/[0-9<]/.test(chars[i]!));
  let repairs = force(chars, DIGIT_POSITIONS, AS_DIGIT) + force(chars, LETTER_POSITIONS, AS_LETTER);
  let swaps = 0;
  for (const { start, end, check, digits } of CHECKED_FIELDS) {
    const before = chars.slice(start, end).join("");
    // A date has no look-alike digits: once its letters are digits again, its check digit judges it as read.
    if (digits) force(chars, Array.from({ length: end - start }, (_, k) => start + k), AS_DIGIT);
    else if (repairField(chars, start, end, check)) swaps++;
    repairs += [...chars.slice(start, end)].filter((c, k) => c !== before[k]).length;
  }
  // A swap is confirmed by its field's check digit and the composite; one worked out confirms nothing,
  // so a line that needed a swap keeps its illegible check digit (and fails) rather than guess twice.
  if (swaps > 0) return { line: chars.join(""), repairs, guesses: swaps };
  for (const i of illegible) {
    chars[i] = i === COMPOSITE ? compositeOf(chars) : mrzCheckDigit(fieldBefore(chars, i));
  }
  return { line: chars.join(""), repairs, guesses: illegible.length };
}

const compositeOf = (chars: string[]) => mrzCheckDigit(COMPOSITE_SPANS.map(([a, b]) => chars.slice(a, b).join("")).join(""));

/**
 * A 44-character line 2 in ICAO's shape (digits where only digits go, letters or fillers in the
 * nationality and sex) whose every check digit holds; an empty personal number may have `<` as its own.
 */
export function line2ChecksHold(line: string): boolean {
  const chars = [...line];
  if (chars.length !== TD3) return false;
  const shaped = DIGIT_POSITIONS.every((i) => /[0-9]/.test(chars[i]!) || (i === PERSONAL_NUMBER.check && chars[i] === "<")) && LETTER_POSITIONS.every((i) => /[A-Z<]/.test(chars[i]!));
  if (!shaped) return false;
  const fieldsHold = CHECKED_FIELDS.every(({ start, end, check }) => {
    const field = chars.slice(start, end).join("");
    return chars[check] === mrzCheckDigit(field) || (chars[check] === "<" && /^<+$/.test(field));
  });
  return fieldsHold && chars[COMPOSITE] === compositeOf(chars);
}

const DIGITS = [..."0123456789"];
const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];
const FILLER = ["<"];
const PERSONAL_NUMBER = CHECKED_FIELDS[3];
/**
 * What ICAO 9303 lets each position of line 2 hold: what a dropped character may be put back as.
 * Every possibility is tried, so that the right line is among them: a line that passes only because
 * the right one was not tried would be accepted on a coincidence of check digits.
 */
function allowedAt(position: number): string[] {
  if (position === PERSONAL_NUMBER.check) return [...DIGITS, ...FILLER];
  if (DIGIT_POSITIONS.includes(position)) return DIGITS;
  if (LETTER_POSITIONS.includes(position)) return [...LETTERS, ...FILLER];
  return [...DIGITS, ...LETTERS, ...FILLER];
}

/** The number and personal number as ICAO writes them: data first, fillers after, none between. */
const leftAligned = (line: string) => [CHECKED_FIELDS[0], PERSONAL_NUMBER].every(({ start, end }) => /^[A-Z0-9]*<*$/.test(line.slice(start, end)));

function repairLength(raw: string): Line2 | null {
  const tries: string[] = [];
  if (raw.length === TD3 - 1) {
    for (let at = 0; at < TD3; at++) for (const c of allowedAt(at)) tries.push(raw.slice(0, at) + c + raw.slice(at));
  } else if (raw.length === TD3 + 1) {
    for (let at = 0; at <= TD3; at++) tries.push(raw.slice(0, at) + raw.slice(at + 1));
  } else return null;
  const passing = new Map<string, Line2>();
  for (const attempt of new Set(tries)) {
    const shaped = repairLine2Shape(attempt);
    if (shaped.guesses === 0 && leftAligned(shaped.line) && line2ChecksHold(shaped.line)) {
      // An empty personal number's check digit is "<" or "0" (both ICAO's): the same zone, written the first way.
      const line = /^<{14}0$/.test(shaped.line.slice(PERSONAL_NUMBER.start, COMPOSITE)) ? `${shaped.line.slice(0, PERSONAL_NUMBER.check)}<${shaped.line.slice(COMPOSITE)}` : shaped.line;
      passing.set(line, { ...shaped, line, repairs: shaped.repairs + 1 });
    }
  }
  return passing.size === 1 ? [...passing.values()][0]! : null;
}

function repairLine2(raw: string): { line: string; repairs: number } {
  const { line, repairs } = (raw.length !== TD3 ? repairLength(raw) : null) ?? repairLine2Shape(raw);
  return { line, repairs };
}

/**
 * The last two MRZ-looking lines of OCR text, repaired. Null when no two lines of at least 30 MRZ
 * characters are there: the zone was not found, which says more about the image than any guess.
 */
export function repairTd3(ocrText: string): MrzRepair | null {
  const candidates = ocrText
    .toUpperCase()
    .split(/\r?\n/)
    .map((l) => l.replace(/[«‹]/g, "<").replace(/[^A-Z0-9<]/g, ""))
    .filter((l) => l.length >= 30);
  const start = candidates.findLastIndex((l, i) => i + 1 < candidates.length && /^P[A-Z0-9<]/.test(l));
  if (start < 0) return null;
  const one = repairLine1(candidates[start]!);
  const two = repairLine2(candidates[start + 1]!);
  return { lines: [one.line, two.line], repairs: one.repairs + two.repairs };
}
