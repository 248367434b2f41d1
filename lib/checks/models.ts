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

import sharp, { type Sharp } from "sharp";
import { createWorker, OEM, PSM, type Worker as OcrWorker } from "tesseract.js";

import { FACE_DESCRIPTOR } from "./similarity";

const require = createRequire(import.meta.url);
const modules = path.join(process.cwd(), "node_modules");
const packageVersion = (name: string) => (JSON.parse(readFileSync(path.join(modules, name, "package.json"), "utf8")) as { version: string }).version;

/** Stored with every result, so a score can be traced to the model that gave it. */
export const MODEL_VERSIONS = {
  human: packageVersion("@vladmandic/human"),
  tfjsWasm: packageVersion("@tensorflow/tfjs-backend-wasm"),
  tesseract: packageVersion("tesseract.js"),
  tesseractEng: packageVersion("@tesseract.js-data/eng"),
  faceDescriptor: FACE_DESCRIPTOR,
};

type Box = [number, number, number, number];
type Point = [number, number];
type HumanFace = { score: number; box: Box; mesh: number[][]; real?: number; live?: number };
type HumanTensor = { shape: number[]; data(): Promise<Float32Array | Int32Array | Uint8Array> };
type HumanModel = { execute(input: HumanTensor): HumanTensor[] };
type HumanInstance = {
  load(): Promise<void>;
  detect(input: HumanTensor, config?: object): Promise<{ face: HumanFace[] }>;
  models: { models: { faceres: HumanModel | null } };
  tf: {
    tidy<T>(run: () => T): T;
    tensor3d(values: Uint8Array, shape: [number, number, number], dtype: "int32"): HumanTensor;
    cast(t: HumanTensor, dtype: "float32"): HumanTensor;
    expandDims(t: HumanTensor, axis: number): HumanTensor;
    image: {
      rotateWithOffset(t: HumanTensor, radians: number, fill: number, center: [number, number]): HumanTensor;
      cropAndResize(t: HumanTensor, boxes: number[][], indices: number[], size: [number, number]): HumanTensor;
    };
    dispose(t: HumanTensor | HumanTensor[]): void;
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
        // The descriptor is computed on an eye-aligned crop of its own (faceDescriptor below), not on the
        // detector's box; it is loaded here and run there.
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

/** A face found, in the image's own pixels: its box and the centres of its eyes (the person's right eye first, on the left of the picture). */
export type DetectedFace = { score: number; box: Box; eyes: [Point, Point]; real: number | null; live: number | null };

/** An upright image decoded once (RGB, 8 bits, row-major), for every stage to share. */
export type Pixels = { data: Buffer; width: number; height: number };

export const pixelsOf = (image: Pixels) => sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });

const rawPixels = async (image: Sharp): Promise<Pixels> => {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

/** Decodes any format sharp reads, EXIF orientation applied. */
export async function decodeImage(bytes: Uint8Array): Promise<Pixels> {
  return rawPixels(sharp(bytes, { failOn: "error" }).rotate().removeAlpha().toColourspace("srgb"));
}

/**
 * The detector works on 256 pixels, so a larger image only costs time: faces are found on a copy whose
 * longer side is at most this. The descriptor's crop is taken from the full image.
 */
const FACE_MAX_SIDE = 640;

/**
 * A document's photo is a picture by nature: antispoof and liveness are asked of selfies only. The
 * descriptor Human would compute on its detector box is not asked for: ours is on an aligned crop.
 * Human merges a call's configuration into its own, so every call says which.
 */
const FACES_OF = (selfie: boolean) => ({ face: { antispoof: { enabled: selfie }, liveness: { enabled: selfie }, description: { enabled: false } } });

/** Facemesh's eye corners (outer, inner) for each eye. */
const EYE_CORNERS = [
  [33, 133],
  [362, 263],
] as const;

const tensorOf = (h: HumanInstance, image: Pixels) => h.tf.tensor3d(new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length), [image.height, image.width, 3], "int32");

/** Every face in the image, largest first; boxes and eyes in the image's own pixels. */
export async function detectFaces(image: Pixels, options: { selfie: boolean }): Promise<DetectedFace[]> {
  const h = await loadHuman();
  const scale = Math.min(1, FACE_MAX_SIDE / Math.max(image.width, image.height));
  const small = scale === 1 ? image : await rawPixels(pixelsOf(image).resize({ width: Math.round(image.width * scale), height: Math.round(image.height * scale), fit: "fill" }));
  const tensor = tensorOf(h, small);
  try {
    const result = await h.detect(tensor, FACES_OF(options.selfie));
    const up = (box: Box): Box => [box[0] / scale, box[1] / scale, box[2] / scale, box[3] / scale];
    const eye = (f: HumanFace, [a, b]: readonly [number, number]): Point => [(f.mesh[a]![0]! + f.mesh[b]![0]!) / 2 / scale, (f.mesh[a]![1]! + f.mesh[b]![1]!) / 2 / scale];
    return result.face
      .filter((f) => f.mesh.length > Math.max(...EYE_CORNERS.flat()))
      .map((f) => ({ score: f.score, box: up(f.box), eyes: [eye(f, EYE_CORNERS[0]), eye(f, EYE_CORNERS[1])] as [Point, Point], real: f.real ?? null, live: f.live ?? null }))
      .sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  } finally {
    h.tf.dispose(tensor);
  }
}

/**
 * How every face is framed for the descriptor, a document's photo and a selfie alike, so that the
 * descriptor compares faces and not framings: a square ALIGN_SIDE eye distances wide, centred
 * ALIGN_DOWN eye distances below the eyes' midpoint, turned so the eyes are level. The crop is reduced
 * to ALIGN_DETAIL pixels before the descriptor's input size, so a large sharp selfie and a small soft
 * printed photo carry the same detail, and its levels are stretched, so a photo printed lighter or
 * taken in dim light is compared at the same contrast. Chosen on the generated test set's
 * same-person and different-person similarities (README, "Automated checks").
 */
const ALIGN_SIDE = 2.75;
const ALIGN_DOWN = 0.55;
const ALIGN_DETAIL = 96;
const DESCRIPTOR_INPUT = 224;
/** The region cut before turning: wide enough that the turned square has no empty corner. */
const ALIGN_MARGIN = 1.5;

/** Human's face descriptor (faceres, 1024 values) of the face whose eyes are given. */
export async function faceDescriptor(image: Pixels, eyes: [Point, Point]): Promise<number[]> {
  const h = await loadHuman();
  const model = h.models.models.faceres;
  if (!model) throw new Error("The face descriptor model is not loaded");
  const [[lx, ly], [rx, ry]] = eyes;
  const distance = Math.max(1, Math.hypot(rx - lx, ry - ly));
  const angle = Math.atan2(ry - ly, rx - lx);
  // "Below the eyes" along the face's own vertical, perpendicular to the line through the eyes.
  const centreX = (lx + rx) / 2 - Math.sin(angle) * ALIGN_DOWN * distance;
  const centreY = (ly + ry) / 2 + Math.cos(angle) * ALIGN_DOWN * distance;
  const region = Math.round(ALIGN_SIDE * distance * ALIGN_MARGIN);
  const left = Math.round(centreX - region / 2);
  const top = Math.round(centreY - region / 2);
  // A face near the edge is completed with the edge's own pixels rather than black.
  const edges = { left: Math.max(0, -left), top: Math.max(0, -top), right: Math.max(0, left + region - image.width), bottom: Math.max(0, top + region - image.height) };
  const padded = edges.left + edges.top + edges.right + edges.bottom > 0 ? await rawPixels(pixelsOf(image).extend({ ...edges, extendWith: "copy" })) : image;
  const detail = Math.round(ALIGN_DETAIL * ALIGN_MARGIN);
  const reduced = await rawPixels(pixelsOf(padded).extract({ left: left + edges.left, top: top + edges.top, width: region, height: region }).resize(detail, detail));
  const side = Math.round(DESCRIPTOR_INPUT * ALIGN_MARGIN);
  const crop = await rawPixels(pixelsOf(reduced).resize(side, side).normalise());
  const inner = (1 - 1 / ALIGN_MARGIN) / 2;
  const input = h.tf.tidy(() => {
    const batch = h.tf.expandDims(h.tf.cast(tensorOf(h, crop), "float32"), 0);
    const level = h.tf.image.rotateWithOffset(batch, angle, 0, [0.5, 0.5]);
    return h.tf.image.cropAndResize(level, [[inner, inner, 1 - inner, 1 - inner]], [0], [DESCRIPTOR_INPUT, DESCRIPTOR_INPUT]);
  });
  const outputs = model.execute(input);
  try {
    const descriptor = outputs.find((t) => t.shape[1] === 1024);
    if (!descriptor) throw new Error("The face descriptor model gave no descriptor");
    return Array.from(await descriptor.data());
  } finally {
    h.tf.dispose(outputs);
    h.tf.dispose(input);
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
