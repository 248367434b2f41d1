import { describe, expect, it } from "vitest";

import { FACE_DESCRIPTOR, faceMatch, faceSimilarity } from "./similarity";

const described = (embedding: number[] | null, faceDescriptor = FACE_DESCRIPTOR) => ({ embedding, models: { faceDescriptor } });
/** A result stored before the descriptor's crop was recorded. */
const earlier = (embedding: number[]) => ({ embedding, models: {} });

describe("faceMatch", () => {
  it("compares two descriptors made the same way", () => {
    expect(faceMatch(described([0, 0, 0]), described([0, 3, 4]))).toBeCloseTo(0.75);
    expect(faceMatch(described([1, 2]), described([1, 2]))).toBe(faceSimilarity([1, 2], [1, 2]));
  });

  it("does not compare a descriptor stored before the crop changed with one made after", () => {
    expect(faceMatch(earlier([1, 2]), described([1, 2]))).toBeNull();
    expect(faceMatch(described([1, 2]), described([1, 2], "another-crop"))).toBeNull();
  });

  it("has no match without a face on both sides", () => {
    expect(faceMatch(described(null), described([1, 2]))).toBeNull();
    expect(faceMatch(undefined, described([1, 2]))).toBeNull();
  });
});
