/**
 * The open models behind the checks, loaded once per process from files that ship in npm packages:
 * @vladmandic/human (face detector, mesh, descriptor, antispoof, liveness) on TensorFlow.js's
 * WebAssembly backend, and tesseract.js with @tesseract.js-data/eng. Nothing is fetched from the network.
 * Runs in the checks worker thread (./thread.ts) and in the measurement script, never in a request.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

import sharp from "sharp";
import { createWorker, OEM, PSM, type Worker as OcrWorker } from "tesseract.js";

const require = createRequire(import.meta.url);
const modules = path.join(process.cwd(), "node_modules");
const packageVersion = (name: string) => (JSON.parse(readFileSync(path.join(modules, name, "package.json"), "utf8")) as { version: string }).version;

/** Stored with every result, so a score can be traced to the model that gave it. */
export const MODEL_VERSIONS = {
  human: packageVersion("@vladmandic/human"),
  tfjsWasm: packageVersion("@tensorflow/tfjs-backend-wasm"),
  tesseract: packageVersion("tesseract.js"),
  tesseractEng: packageVersion("@tesseract.js-data/eng"),
};

type Box = [number, number, number, number];
type HumanFace = { score: number; box: Box; real?: number; live?: number; embedding?: number[] };
type HumanTensor = { shape: number[] };
type HumanInstance = {
  load(): Promise<void>;
  detect(input: HumanTensor): Promise<{ face: HumanFace[] }>;
  tf: {
    tensor3d(values: Uint8Array, shape: [number, number, number], dtype: "int32"): HumanTensor;
    dispose(t: HumanTensor): void;
  };
};

// Node's fetch does not read file:// URLs; Human and the WebAssembly backend fetch their models and
// binary from these, so the worker answers them from disk. Any other URL is refused: no download, ever.
let servingFromDisk = false;

function serveModelFilesFromDisk(): void {
  if (servingFromDisk) return;
  servingFromDisk = true;
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith("file://")) throw new Error("The checks load their models from disk only");
    return new Response(readFileSync(new URL(url)));
  }) as typeof fetch;
}

// Human reuses results between similar video frames; every upload is a different picture.
const NO_CACHE = { skipFrames: 0, skipTime: 0 };

let human: Promise<HumanInstance> | undefined;
let ocr: Promise<OcrWorker> | undefined;

export function loadHuman(): Promise<HumanInstance> {
  human ??= (async () => {
    serveModelFilesFromDisk();
    // The package's `exports` map hides the Node WebAssembly build; the file path reaches it.
    const { Human } = require(path.join(modules, "@vladmandic/human/dist/human.node-wasm.js")) as { Human: new (config: object) => HumanInstance };
    const instance = new Human({
      backend: "wasm",
      wasmPath: `${pathToFileURL(path.join(modules, "@tensorflow/tfjs-backend-wasm/dist")).href}/`,
      modelBasePath: `${pathToFileURL(path.join(modules, "@vladmandic/human/models")).href}/`,
      debug: false,
      cacheSensitivity: 0,
      face: {
        enabled: true,
        detector: { rotation: true, maxDetected: 4, minConfidence: 0.5, return: false, ...NO_CACHE },
        mesh: { enabled: true, ...NO_CACHE },
        iris: { enabled: false },
        description: { enabled: true, ...NO_CACHE },
        emotion: { enabled: false },
        antispoof: { enabled: true, ...NO_CACHE },
        liveness: { enabled: true, ...NO_CACHE },
      },
      body: { enabled: false },
      hand: { enabled: false },
      object: { enabled: false },
      gesture: { enabled: false },
      segmentation: { enabled: false },
      filter: { enabled: false },
    });
    await instance.load();
    return instance;
  })();
  return human;
}

export function loadOcr(): Promise<OcrWorker> {
  ocr ??= (async () => {
    const worker = await createWorker("eng", OEM.LSTM_ONLY, {
      langPath: path.join(modules, "@tesseract.js-data/eng/4.0.0_best_int"),
      cacheMethod: "none",
      gzip: true,
    });
    await worker.setParameters({ tessedit_char_whitelist: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<", tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
    return worker;
  })();
  return ocr;
}

export type DetectedFace = { score: number; box: Box; real: number | null; live: number | null; embedding: number[] };

/** Every face in an image (any format sharp reads), largest first. */
export async function detectFaces(bytes: Uint8Array): Promise<{ faces: DetectedFace[]; width: number; height: number }> {
  const h = await loadHuman();
  const { data, info } = await sharp(bytes).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const tensor = h.tf.tensor3d(new Uint8Array(data.buffer, data.byteOffset, data.length), [info.height, info.width, 3], "int32");
  try {
    const result = await h.detect(tensor);
    const faces = result.face
      .filter((f) => f.embedding && f.embedding.length > 0)
      .map((f) => ({ score: f.score, box: f.box, real: f.real ?? null, live: f.live ?? null, embedding: f.embedding! }))
      .sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
    return { faces, width: info.width, height: info.height };
  } finally {
    h.tf.dispose(tensor);
  }
}

const MEASURE_WIDTH = 480;
const SKEW_STEP = 0.5;
const OCR_WIDTH = 720;
const MAX_SKEW = 8;

/**
 * The angle that levels the page's text lines: the rotation whose row profile of dark pixels, over the
 * lower part where the MRZ lies, is the most sharply peaked (text rows against the gaps between them).
 */
async function skewAngle(grey: Buffer): Promise<number> {
  const score = async (angle: number) => {
    const { data, info } = await sharp(grey).rotate(angle, { background: "#ffffff" }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    let total = 0;
    let previous = -1;
    for (let y = Math.floor(info.height * 0.6); y < info.height; y++) {
      let dark = 0;
      for (let x = 0; x < info.width; x++) dark += 255 - data[y * info.width + x]!;
      if (previous >= 0) total += (dark - previous) ** 2;
      previous = dark;
    }
    return total;
  };
  // Coarse, then fine around the best coarse angle.
  const best = async (angles: number[]) => {
    const scores = await Promise.all(angles.map(score));
    return angles[scores.indexOf(Math.max(...scores))]!;
  };
  const range = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);
  const coarse = await best(range(-MAX_SKEW, MAX_SKEW, 2));
  return best(range(coarse - 1.5, coarse + 1.5, SKEW_STEP));
}

/** OCR of the bottom band of a passport page, where ICAO 9303 puts the machine-readable zone, levelled first. */
export async function readMrzBand(bytes: Uint8Array): Promise<string> {
  const worker = await loadOcr();
  const upright = await sharp(bytes).rotate().greyscale().normalise().png().toBuffer();
  const small = await sharp(upright).resize({ width: MEASURE_WIDTH }).png().toBuffer();
  const angle = await skewAngle(small);
  const levelled = angle === 0 ? sharp(upright) : sharp(await sharp(upright).rotate(angle, { background: "#ffffff" }).png().toBuffer());
  const { width = 0, height = 0 } = await levelled.metadata();
  const top = Math.floor(height * (angle === 0 ? 0.74 : 0.7));
  // Tesseract reads best at a text height of about 20 pixels, and faster than at full size.
  const band = await levelled.extract({ left: 0, top, width, height: height - top }).resize({ width: Math.min(width, OCR_WIDTH) }).png().toBuffer();
  const { data } = await worker.recognize(band);
  return data.text;
}

/** A small JPEG of a face for the reviewer, with some margin around the detector's box. */
export async function faceCrop(bytes: Uint8Array, box: Box): Promise<Buffer> {
  const image = sharp(bytes).rotate();
  const { width = 0, height = 0 } = await image.metadata();
  const [x, y, w, h] = box;
  const margin = Math.round(Math.max(w, h) * 0.25);
  const left = Math.max(0, Math.round(x) - margin);
  const top = Math.max(0, Math.round(y) - margin);
  const region = { left, top, width: Math.min(width - left, Math.round(w) + 2 * margin), height: Math.min(height - top, Math.round(h) + 2 * margin) };
  return image.extract(region).resize({ width: 160, height: 160, fit: "cover" }).jpeg({ quality: 80 }).toBuffer();
}

export async function closeModels(): Promise<void> {
  if (ocr) await (await ocr).terminate();
  ocr = undefined;
}
