/**
 * Is an uploaded image usable at all? Resolution, blur (variance of the Laplacian), glare (share of
 * blown-out pixels) and a cut-off document (a page whose shape is no passport or card any more). Cheap
 * enough for the request path: sharp decodes on libuv's thread pool, and the measures run on a
 * 640-pixel grey copy. Each problem comes with what the person should do about it.
 */
import sharp, { type Sharp } from "sharp";

import type { Translatable } from "@/lib/http/errors";
import { validation } from "@/lib/i18n/field-messages";
import { inEnglish } from "@/lib/i18n/person-errors";

export type ImageKind = "document" | "selfie";

export type QualityReport = {
  width: number;
  height: number;
  /** Standard deviation of the Laplacian on the grey copy: low means blurred. */
  sharpness: number;
  /** Share of 16-pixel blocks blown out (every pixel at 253 or more): a bright page is not glare, a white patch is. */
  glare: number;
  aspect: number;
  /** In English, for reviewers; `assessQuality` gives the person the same problems as catalogue keys. */
  problems: string[];
};

/** Thresholds chosen on the generated test set (see README, Automated checks). */
export const QUALITY_LIMITS = {
  document: { minShort: 400, minLong: 560, minSharpness: 9, maxGlare: 0.08, aspect: [1.25, 1.7] as const },
  selfie: { minShort: 240, minLong: 320, minSharpness: 2, maxGlare: 0.15, aspect: [0.5, 2] as const },
};

const MEASURE_WIDTH = 640;

function laplacianDeviation(grey: Uint8Array, width: number, height: number): number {
  let sum = 0;
  let squares = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const v = grey[i - 1]! + grey[i + 1]! + grey[i - width]! + grey[i + width]! - 4 * grey[i]!;
      sum += v;
      squares += v * v;
      n++;
    }
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, squares / n - mean * mean));
}

const BLOCK = 16;

function blownBlocks(grey: Uint8Array, width: number, height: number): number {
  let blocks = 0;
  let blown = 0;
  for (let by = 0; by + BLOCK <= height; by += BLOCK) {
    for (let bx = 0; bx + BLOCK <= width; bx += BLOCK) {
      let min = 255;
      for (let y = by; y < by + BLOCK && min >= 253; y++) for (let x = bx; x < bx + BLOCK; x++) min = Math.min(min, grey[y * width + x]!);
      blocks++;
      if (min >= 253) blown++;
    }
  }
  return blocks === 0 ? 0 : blown / blocks;
}

/** What the person should fix in an image they send, as catalogue keys: empty when it is usable. */
export async function assessQuality(bytes: Uint8Array, kind: ImageKind): Promise<Translatable[]> {
  const image = sharp(bytes, { failOn: "error" }).rotate();
  const meta = await image.metadata();
  // EXIF orientation 5–8 swaps width and height.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = (turned ? meta.height : meta.width) ?? 0;
  const height = (turned ? meta.width : meta.height) ?? 0;
  return qualityAdvice(await measureCopy(image), { width, height }, kind);
}

/** The grey copy the measures run on, from any sharp pipeline (a file, or pixels already decoded). */
export async function measureCopy(image: Sharp): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await image.clone().greyscale().resize({ width: MEASURE_WIDTH, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

type Measures = { width: number; height: number; sharpness: number; glare: number; aspect: number };

function measure(copy: { data: Uint8Array; width: number; height: number }, size: { width: number; height: number }): Measures {
  const { width, height } = size;
  const sharpness = laplacianDeviation(copy.data, copy.width, copy.height);
  const glare = blownBlocks(copy.data, copy.width, copy.height);
  const aspect = Math.max(width, height) / Math.max(1, Math.min(width, height));
  return { width, height, sharpness, glare, aspect };
}

function problemsOf({ width, height, sharpness, glare, aspect }: Measures, kind: ImageKind): Translatable[] {
  const limits = QUALITY_LIMITS[kind];
  const problems: Translatable[] = [];
  const document = kind === "document";
  if (Math.min(width, height) < limits.minShort || Math.max(width, height) < limits.minLong) {
    problems.push(validation(document ? "imageTooSmallDocument" : "imageTooSmallFace", { width, height, minLong: limits.minLong, minShort: limits.minShort }));
  }
  if (sharpness < limits.minSharpness) problems.push(validation(document ? "imageBlurredDocument" : "imageBlurredFace"));
  if (glare > limits.maxGlare) problems.push(validation("imageGlare"));
  if (document && (aspect < limits.aspect[0] || aspect > limits.aspect[1])) problems.push(validation("imageCutOff"));
  return problems;
}

/** What the person should fix in an image of `size` (upright), from its grey measuring copy. */
export function qualityAdvice(copy: { data: Uint8Array; width: number; height: number }, size: { width: number; height: number }, kind: ImageKind): Translatable[] {
  return problemsOf(measure(copy, size), kind);
}

/** The report on an image of `size` (upright) from its grey measuring copy. */
export function qualityOf(copy: { data: Uint8Array; width: number; height: number }, size: { width: number; height: number }, kind: ImageKind): QualityReport {
  const measures = measure(copy, size);
  const { width, height, sharpness, glare, aspect } = measures;
  return { width, height, sharpness: round(sharpness), glare: round(glare, 4), aspect: round(aspect), problems: problemsOf(measures, kind).map(inEnglish) };
}

const round = (v: number, places = 2) => Number(v.toFixed(places));
