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
