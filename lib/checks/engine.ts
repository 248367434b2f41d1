/**
 * The checks on one image, with no database: what the worker thread runs for a queued job and what
 * `npm run measure:checks` measures. Document: quality, exactly one face, and for a passport the MRZ
 * read, repaired and parsed. Selfie: quality, exactly one face, antispoof and liveness.
 */
import { parsePassportMrz, type MrzFields } from "@/lib/documents/mrz";
import { inEnglish } from "@/lib/i18n/person-errors";

import { mrzCrop, skewAngle, type Grey } from "./mrz-image";
import { repairTd3 } from "./mrz-repair";
import { decodeImage, detectFaces, faceCrop, faceDescriptor, MODEL_VERSIONS, ocrText, pixelsOf, type Pixels } from "./models";
import { measureCopy, qualityOf, type ImageKind, type QualityReport } from "./quality";

export type MrzReading = {
  lines: [string, string] | null;
  valid: boolean;
  repairs: number;
  errors: string[];
  fields: MrzFields | null;
  /** OCR passes made: the next candidate crop is read only when the one before fails its check digits. */
  attempts?: number;
};

export const STAGES = ["decode", "quality", "faces", "mrz", "crop"] as const;
export type Stage = (typeof STAGES)[number];

export type ImageAnalysis = {
  kind: ImageKind;
  quality: QualityReport;
  faceCount: number;
  faceScore: number | null;
  /** The face's width as a share of the image's: a selfie is taken at arm's length, a picture of a page is not. */
  faceShare: number | null;
  /** Antispoof ("is this a real face, not a picture of one") and liveness, selfies only. */
  real: number | null;
  live: number | null;
  embedding: number[] | null;
  /** base64 JPEG, 160×160. */
  crop: string | null;
  mrz: MrzReading | null;
  models: typeof MODEL_VERSIONS;
  ms: number;
  /** Milliseconds per stage, to see where the time goes (`npm run measure:checks` prints their medians). */
  timings?: Partial<Record<Stage, number>>;
};

/**
 * The crops OCR tries in turn, each only if the one before gave no zone whose check digits hold: the
 * levelled crop, the same binarised (a washed-out or dim page), then levelled by the runner-up angle.
 */
const CANDIDATES = [
  { turn: 0, binarise: false },
  { turn: 0, binarise: true },
  { turn: 0.5, binarise: false },
] as const;

async function readMrz(image: Pixels, today: Date): Promise<MrzReading> {
  const { data, info } = await pixelsOf(image).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const page: Grey = { data, width: info.width, height: info.height };
  const angle = await skewAngle(page);
  let reading: MrzReading = { lines: null, valid: false, repairs: 0, errors: ["No machine-readable zone was found at the bottom of the page"], fields: null };
  for (const [attempt, candidate] of CANDIDATES.entries()) {
    const crop = await mrzCrop(page, angle + candidate.turn, { binarise: candidate.binarise });
    const repaired = repairTd3(await ocrText(crop.png));
    if (repaired) {
      const parsed = parsePassportMrz(repaired.lines.join("\n"), today);
      // A read whose check digits hold ends the search; otherwise the first zone read is what is reported.
      if (parsed.valid || !reading.lines) reading = { lines: repaired.lines, valid: parsed.valid, repairs: repaired.repairs, errors: parsed.errors.map(inEnglish), fields: parsed.fields };
    }
    reading.attempts = attempt + 1;
    if (reading.valid) break;
  }
  return reading;
}

export async function analyseImage(bytes: Uint8Array, kind: ImageKind, options: { passport?: boolean; today?: Date } = {}): Promise<ImageAnalysis> {
  const started = performance.now();
  const timings: Partial<Record<Stage, number>> = {};
  const timed = async <T>(stage: Stage, run: () => Promise<T>): Promise<T> => {
    const from = performance.now();
    try {
      return await run();
    } finally {
      timings[stage] = Math.round(performance.now() - from);
    }
  };
  const image = await timed("decode", () => decodeImage(bytes));
  const quality = await timed("quality", async () => qualityOf(await measureCopy(pixelsOf(image)), image, kind));
  // The faces run on TensorFlow's WebAssembly backend in this thread, OCR in tesseract.js's own worker
  // thread: the two overlap, so a passport takes about as long as the slower of them.
  const [{ faces, embedding }, mrz] = await Promise.all([
    timed("faces", async () => {
      const found = await detectFaces(image, { selfie: kind === "selfie" });
      return { faces: found, embedding: found[0] ? await faceDescriptor(image, found[0].eyes) : null };
    }),
    options.passport ? timed("mrz", () => readMrz(image, options.today ?? new Date())) : null,
  ]);
  const face = faces[0];
  const crop = face ? await timed("crop", () => faceCrop(image, face.box)) : null;
  return {
    kind,
    quality,
    faceCount: faces.length,
    faceScore: face ? round(face.score) : null,
    faceShare: face ? round(face.box[2] / Math.max(1, image.width)) : null,
    real: kind === "selfie" && face?.real != null ? round(face.real) : null,
    live: kind === "selfie" && face?.live != null ? round(face.live) : null,
    embedding,
    crop: crop ? crop.toString("base64") : null,
    mrz,
    models: MODEL_VERSIONS,
    ms: Math.round(performance.now() - started),
    timings,
  };
}

const round = (v: number) => Number(v.toFixed(3));
