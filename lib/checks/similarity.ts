/**
 * Face descriptor similarity, shared by the queue (main thread) and the measurement: Human's face similarity, 1 − 0.05 × the Euclidean distance of the descriptors, without the
 * package's default rescaling of 0.2–0.8 onto 0–1 and its rounding to two decimals: the threshold
 * between one person and two lies high on that scale and needs the resolution.
 */
export function faceSimilarity(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.max(0, 1 - 0.05 * Math.sqrt(sum));
}

/**
 * How the descriptor's face crop is made (./models.ts, `faceDescriptor`), stored with every result:
 * descriptors of differently made crops are not comparable, so a result stored before a change is not
 * compared with one after it.
 */
export const FACE_DESCRIPTOR = "faceres-eyes-aligned-1";

type Described = { embedding: number[] | null; models: { faceDescriptor?: string } };

/** The face match of two analysed images, or null when either has no face or their descriptors were made differently. */
export function faceMatch(a: Described | undefined, b: Described | undefined): number | null {
  if (!a?.embedding || !b?.embedding || a.models.faceDescriptor !== b.models.faceDescriptor) return null;
  return faceSimilarity(a.embedding, b.embedding);
}
