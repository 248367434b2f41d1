import { describe, expect, it } from "vitest";

import { QUALITY_LIMITS } from "@/lib/checks/quality";

import { DOCUMENT_SHAPES, frameIn, MAX_CAPTURE_SIDE, outputSize } from "./capture-frame";

// Cameras give their nearest size to what is asked: a phone's 1080p, a laptop's 720p, either held upright.
const CAMERAS = [
  [1920, 1080],
  [1280, 720],
  [1080, 1920],
  [720, 1280],
] as const;
const limits = QUALITY_LIMITS.document;

describe("a document photographed through the frame", () => {
  for (const [item, shape] of Object.entries(DOCUMENT_SHAPES)) {
    for (const [width, height] of CAMERAS) {
      it(`${item} from a ${width}×${height} camera is a picture the quality checks accept`, () => {
        const frame = frameIn(width, height, shape);
        const size = outputSize(frame);
        expect(frame.x).toBeGreaterThanOrEqual(0);
        expect(frame.y).toBeGreaterThanOrEqual(0);
        expect(frame.x + frame.width).toBeLessThanOrEqual(width);
        expect(frame.y + frame.height).toBeLessThanOrEqual(height);
        expect(size.width / size.height).toBeCloseTo(shape, 1);
        expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(limits.minShort);
        expect(Math.max(size.width, size.height)).toBeGreaterThanOrEqual(limits.minLong);
        const aspect = Math.max(size.width, size.height) / Math.min(size.width, size.height);
        expect(aspect).toBeGreaterThanOrEqual(limits.aspect[0]);
        expect(aspect).toBeLessThanOrEqual(limits.aspect[1]);
      });
    }
  }

  it("is scaled down, keeping its shape, when the camera gives more than is needed", () => {
    const size = outputSize(frameIn(4000, 3000, DOCUMENT_SHAPES.passport));
    expect(Math.max(size.width, size.height)).toBe(MAX_CAPTURE_SIDE);
    expect(size.width / size.height).toBeCloseTo(DOCUMENT_SHAPES.passport, 2);
  });

  it("is centred, with a margin on the side the shape touches", () => {
    expect(frameIn(1000, 1000, 2)).toEqual({ x: 50, y: 275, width: 900, height: 450 });
    expect(frameIn(1000, 1000, 0.5)).toEqual({ x: 275, y: 50, width: 450, height: 900 });
  });
});
