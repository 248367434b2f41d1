/**
 * The shape a camera picture of a document is cut to, and the size it is sent at. The frame the
 * person lines the document up with and the crop are the same rectangle, so what they see inside
 * the frame is what is uploaded. Client-safe: no server modules.
 */
import type { DocumentItem } from "@/lib/items/items";

/** Width ÷ height of the document as held up to the camera. */
export const DOCUMENT_SHAPES = {
  /** ISO/IEC 7810 ID-1: 85.6 × 54 mm. */
  id_card: 85.6 / 54,
  driver_license: 85.6 / 54,
  /** ISO/IEC 7810 ID-3, a passport's data page: 125 × 88 mm. */
  passport: 125 / 88,
  /** A4 portrait: 210 × 297 mm. */
  proof_of_address: 210 / 297,
} as const satisfies Record<DocumentItem, number>;

/** Room left around the frame so the document's edges can be seen inside the picture. */
const MARGIN = 0.9;
/** Longest side sent: enough for the MRZ and small print, well under the upload limit as a JPEG. */
export const MAX_CAPTURE_SIDE = 2400;
/** What the camera is asked for; phones and webcams give their nearest size. */
export const CAMERA_REQUEST = { width: { ideal: 1920 }, height: { ideal: 1080 } } as const;
export const JPEG_QUALITY = 0.92;

export type Rect = { x: number; y: number; width: number; height: number };

/** The largest rectangle of `shape` centred in a `videoWidth` × `videoHeight` frame, less the margin. */
export function frameIn(videoWidth: number, videoHeight: number, shape: number): Rect {
  const fitsByWidth = videoWidth / videoHeight < shape;
  const width = Math.round((fitsByWidth ? videoWidth : videoHeight * shape) * MARGIN);
  const height = Math.round((fitsByWidth ? videoWidth / shape : videoHeight) * MARGIN);
  return { x: Math.round((videoWidth - width) / 2), y: Math.round((videoHeight - height) / 2), width, height };
}

/** The picture's size: the frame's own pixels, scaled down when they exceed MAX_CAPTURE_SIDE. */
export function outputSize(frame: Rect): { width: number; height: number } {
  const scale = Math.min(1, MAX_CAPTURE_SIDE / Math.max(frame.width, frame.height));
  return { width: Math.round(frame.width * scale), height: Math.round(frame.height * scale) };
}
