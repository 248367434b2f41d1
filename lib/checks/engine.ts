/**
 * The checks on one image, with no database: what the worker thread runs for a queued job and what
 * `npm run measure:checks` measures. Document: quality, exactly one face, and for a passport the MRZ
 * read, repaired and parsed. Selfie: quality, exactly one face, antispoof and liveness.
 */
import { parsePassportMrz, type MrzFields } from "@/lib/documents/mrz";

import { repairTd3 } from "./mrz-repair";
import { detectFaces, faceCrop, MODEL_VERSIONS, readMrzBand } from "./models";
import { assessQuality, type ImageKind, type QualityReport } from "./quality";

export type MrzReading = { lines: [string, string] | null; valid: boolean; repairs: number; errors: string[]; fields: MrzFields | null };

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
};

async function readMrz(bytes: Uint8Array, today: Date): Promise<MrzReading> {
  const repaired = repairTd3(await readMrzBand(bytes));
  if (!repaired) return { lines: null, valid: false, repairs: 0, errors: ["No machine-readable zone was found at the bottom of the page"], fields: null };
  const parsed = parsePassportMrz(repaired.lines.join("\n"), today);
  return { lines: repaired.lines, valid: parsed.valid, repairs: repaired.repairs, errors: parsed.errors, fields: parsed.fields };
}

export async function analyseImage(bytes: Uint8Array, kind: ImageKind, options: { passport?: boolean; today?: Date } = {}): Promise<ImageAnalysis> {
  const started = performance.now();
  const quality = await assessQuality(bytes, kind);
  const { faces, width } = await detectFaces(bytes);
  const face = faces[0];
  const mrz = options.passport ? await readMrz(bytes, options.today ?? new Date()) : null;
  return {
    kind,
    quality,
    faceCount: faces.length,
    faceScore: face ? round(face.score) : null,
    faceShare: face ? round(face.box[2] / Math.max(1, width)) : null,
    real: kind === "selfie" && face?.real != null ? round(face.real) : null,
    live: kind === "selfie" && face?.live != null ? round(face.live) : null,
    embedding: face?.embedding ?? null,
    crop: face ? (await faceCrop(bytes, face.box)).toString("base64") : null,
    mrz,
    models: MODEL_VERSIONS,
    ms: Math.round(performance.now() - started),
  };
}

const round = (v: number) => Number(v.toFixed(3));
