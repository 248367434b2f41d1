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
  detect(input: HumanTensor, config?: object): Promise<{ face: HumanFace[] }>;
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
    },
    // No English word lists: a name in the zone is not a word ("MATEO" must not become "MATED").
    { load_system_dawg: "0", load_freq_dawg: "0" });
    await worker.setParameters({ tessedit_char_whitelist: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<", tessedit_pageseg_mode: PSM.SINGLE_BLOCK, user_defined_dpi: "300" });
    return worker;
  })();
  return ocr;
}

export type DetectedFace = { score: number; box: Box; real: number | null; live: number | null; embedding: number[] };

/** An upright image decoded once (RGB, 8 bits, row-major), for every stage to share. */
export type Pixels = { data: Buffer; width: number; height: number };

export const pixelsOf = (image: Pixels) => sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });

/** Decodes any format sharp reads, EXIF orientation applied. */
export async function decodeImage(bytes: Uint8Array): Promise<Pixels> {
  const { data, info } = await sharp(bytes, { failOn: "error" }).rotate().removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The detector works on 256 pixels and the descriptor on a 256-pixel face crop, so a larger image only
 * costs time: faces are found on a copy whose longer side is at most this.
 */
const FACE_MAX_SIDE = 640;

/**
 * A document's photo is a picture by nature: antispoof and liveness are asked of selfies only. Human
 * merges a call's configuration into its own, so every call says which.
 */
const FACES_OF = (selfie: boolean) => ({ face: { antispoof: { enabled: selfie }, liveness: { enabled: selfie } } });

/** Every face in the image, largest first; boxes in the image's own pixels. */
export async function detectFaces(image: Pixels, options: { selfie: boolean }): Promise<DetectedFace[]> {
  const h = await loadHuman();
  const scale = Math.min(1, FACE_MAX_SIDE / Math.max(image.width, image.height));
  const small =
    scale === 1
      ? image
      : await pixelsOf(image)
          .resize({ width: Math.round(image.width * scale), height: Math.round(image.height * scale), fit: "fill" })
          .raw()
          .toBuffer({ resolveWithObject: true })
          .then(({ data, info }) => ({ data, width: info.width, height: info.height }));
  const tensor = h.tf.tensor3d(new Uint8Array(small.data.buffer, small.data.byteOffset, small.data.length), [small.height, small.width, 3], "int32");
  try {
    const result = await h.detect(tensor, FACES_OF(options.selfie));
    const up = (box: Box): Box => [box[0] / scale, box[1] / scale, box[2] / scale, box[3] / scale];
    return result.face
      .filter((f) => f.embedding && f.embedding.length > 0)
      .map((f) => ({ score: f.score, box: up(f.box), real: f.real ?? null, live: f.live ?? null, embedding: f.embedding! }))
      .sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  } finally {
    h.tf.dispose(tensor);
  }
}

/** Tesseract's text for an image (a crop of the machine-readable zone, ./mrz-image.ts). */
export async function ocrText(png: Buffer): Promise<string> {
  const worker = await loadOcr();
  const { data } = await worker.recognize(png);
  return data.text;
}

/** A small JPEG of a face for the reviewer, with some margin around the detector's box. */
export async function faceCrop(image: Pixels, box: Box): Promise<Buffer> {
  const [x, y, w, h] = box;
  const margin = Math.round(Math.max(w, h) * 0.25);
  const left = Math.max(0, Math.round(x) - margin);
  const top = Math.max(0, Math.round(y) - margin);
  const region = { left, top, width: Math.min(image.width - left, Math.round(w) + 2 * margin), height: Math.min(image.height - top, Math.round(h) + 2 * margin) };
  return pixelsOf(image).extract(region).resize({ width: 160, height: 160, fit: "cover" }).jpeg({ quality: 80 }).toBuffer();
}

export async function closeModels(): Promise<void> {
  if (ocr) await (await ocr).terminate();
  ocr = undefined;
}
