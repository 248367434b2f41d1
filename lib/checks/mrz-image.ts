/**
 * Where a passport page's machine-readable zone is, and the small, level, high-contrast crops of it
 * that OCR reads. Works on one greyscale decode of the page (raw pixels), so the image is decoded once.
 * ICAO 9303 puts the zone at the bottom of the page: two lines of 44 characters across nearly its whole
 * width, which makes them the rows with the most dark/light transitions there.
 */
import sharp, { type Sharp } from "sharp";

/** One channel, 8 bits, row-major. */
export type Grey = { data: Buffer; width: number; height: number };

const rawOf = (g: Grey) => sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } });

async function toGrey(image: Sharp): Promise<Grey> {
  const { data, info } = await image.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export const resizeGrey = (g: Grey, width: number) => toGrey(rawOf(g).resize({ width }));
const rotateGrey = (g: Grey, angle: number) => (angle === 0 ? Promise.resolve(g) : toGrey(rawOf(g).rotate(angle, { background: "#ffffff" })));

/** The zone lies in this lower share of the page (more when the photo is tilted). */
const LOWER_SHARE = 0.45;
const MEASURE_WIDTH = 480;
const MAX_SKEW = 8;

/** A threshold between ink and paper (Otsu's, over the lower part). */
function inkThreshold(g: Grey, top: number): number {
  const histogram = new Array<number>(256).fill(0);
  for (let i = top * g.width; i < g.data.length; i++) histogram[g.data[i]!]!++;
  const total = g.data.length - top * g.width;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * histogram[v]!;
  let below = 0;
  let belowSum = 0;
  let best = 128;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    below += histogram[t]!;
    if (below === 0 || below === total) continue;
    belowSum += t * histogram[t]!;
    const meanBelow = belowSum / below;
    const meanAbove = (sum - belowSum) / (total - below);
    const variance = below * (total - below) * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

/** Per row of the lower part: how many times ink turns to paper or back. Text lines stand out; a flat background does not. */
function transitionProfile(g: Grey, top: number): number[] {
  const threshold = inkThreshold(g, top);
  const profile: number[] = [];
  for (let y = top; y < g.height; y++) {
    let changes = 0;
    let previous = g.data[y * g.width]! < threshold;
    for (let x = 1; x < g.width; x++) {
      const ink = g.data[y * g.width + x]! < threshold;
      if (ink !== previous) changes++;
      previous = ink;
    }
    profile.push(changes);
  }
  return profile;
}

/** How level the text lines are at this angle: a sharply peaked row profile (text rows against the gaps between them). */
async function levelness(small: Grey, angle: number): Promise<number> {
  const g = await rotateGrey(small, angle);
  const profile = transitionProfile(g, Math.floor(g.height * (1 - LOWER_SHARE)));
  let total = 0;
  for (let i = 1; i < profile.length; i++) total += (profile[i]! - profile[i - 1]!) ** 2;
  return total;
}

async function bestAngle(small: Grey, angles: number[]): Promise<number> {
  const scores = await Promise.all(angles.map((angle) => levelness(small, angle)));
  return angles[scores.indexOf(Math.max(...scores))]!;
}

const range = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(2)));

/** The rotation, within ±8°, that levels the page's lower text lines: coarse, then fine around the best. */
export async function skewAngle(page: Grey): Promise<number> {
  const small = await resizeGrey(page, Math.min(page.width, MEASURE_WIDTH));
  const coarse = await bestAngle(small, range(-MAX_SKEW, MAX_SKEW, 2));
  return bestAngle(small, range(coarse - 1, coarse + 1, 0.5));
}

type Span = { start: number; end: number; peak: number };

function runsOf(profile: number[], floor: number): Span[] {
  const runs: Span[] = [];
  for (let y = 0; y < profile.length; y++) {
    if (profile[y]! < floor) continue;
    const last = runs.at(-1);
    // A row below the floor inside a character line (a thin stroke row) does not split it.
    if (last && y - last.end <= 2) {
      last.end = y + 1;
      last.peak = Math.max(last.peak, profile[y]!);
    } else runs.push({ start: y, end: y + 1, peak: profile[y]! });
  }
  return runs;
}

export type Band = { left: number; top: number; width: number; height: number; lineHeight: number };

/**
 * The zone's rectangle on a level page: its two lines are the lowest strong text rows, near each
 * other; their columns give its left and right. Null when no such pair of lines is found.
 */
export function findMrzBand(page: Grey): Band | null {
  const top = Math.floor(page.height * (1 - LOWER_SHARE));
  const profile = transitionProfile(page, top);
  const strongest = Math.max(0, ...profile);
  if (strongest < 20) return null;
  const runs = runsOf(profile, strongest * 0.3).filter((run) => run.peak >= strongest * 0.55 && run.end - run.start >= 3);
  const second = runs.at(-1);
  const first = runs.at(-2);
  if (!second || !first) return null;
  const lineHeight = Math.max(second.end - second.start, first.end - first.start);
  if (second.start - first.end > lineHeight * 2.5) return null;
  const margin = Math.round(lineHeight * 0.7);
  const y0 = Math.max(0, top + first.start - margin);
  const y1 = Math.min(page.height, top + second.end + margin);
  // Columns with ink changes within the two lines: where the characters are.
  const threshold = inkThreshold(page, y0);
  const active: number[] = [];
  for (let x = 1; x < page.width; x++) {
    let changes = 0;
    for (let y = y0; y < y1; y++) if (page.data[y * page.width + x]! < threshold !== page.data[y * page.width + x - 1]! < threshold) changes++;
    if (changes >= 2) active.push(x);
  }
  if (active.length === 0) return null;
  // The characters' extent, ignoring a stray column far from the rest (a page edge).
  const gapLimit = lineHeight * 3;
  let left = active[0]!;
  let right = active[0]!;
  let bestLeft = left;
  let bestRight = right;
  for (const x of active) {
    if (x - right > gapLimit) left = x;
    right = x;
    if (right - left > bestRight - bestLeft) {
      bestLeft = left;
      bestRight = right;
    }
  }
  const x0 = Math.max(0, bestLeft - lineHeight);
  const x1 = Math.min(page.width, bestRight + lineHeight);
  return { left: x0, top: y0, width: x1 - x0, height: y1 - y0, lineHeight };
}

/** Tesseract reads OCR-B best with characters about this many pixels tall. */
const TARGET_LINE_HEIGHT = 30;
/** Without a located zone: the bottom of the page, where ICAO 9303 puts it. */
const FALLBACK_TOP = 0.72;

export type MrzCrop = { png: Buffer; angle: number; located: boolean };

/** The zone's crop, levelled by `angle`, contrast stretched, scaled for OCR; binarised when asked. */
export async function mrzCrop(page: Grey, angle: number, options: { binarise: boolean }): Promise<MrzCrop> {
  const level = await rotateGrey(page, angle);
  const band = findMrzBand(level);
  const top = Math.floor(level.height * FALLBACK_TOP);
  const region = band ?? { left: 0, top, width: level.width, height: level.height - top, lineHeight: level.height * 0.04 };
  const scale = Math.min(3, TARGET_LINE_HEIGHT / Math.max(1, region.lineHeight));
  let image = rawOf(level)
    .extract({ left: region.left, top: region.top, width: region.width, height: region.height })
    .resize({ width: Math.round(region.width * scale), kernel: "lanczos3" })
    .normalise();
  if (options.binarise) image = image.threshold(inkThreshold(await toGrey(image.clone()), 0));
  return { png: await image.png({ compressionLevel: 1 }).toBuffer(), angle, located: band !== null };
}
