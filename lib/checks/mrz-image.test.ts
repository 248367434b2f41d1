import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { findMrzBand, skewAngle, type Grey } from "./mrz-image";
import { passportPhoto, testPerson } from "./test-set";

async function grey(bytes: Buffer): Promise<Grey> {
  const { data, info } = await sharp(bytes).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

// Rendering a page takes a few seconds on a busy machine.
describe("finding the machine-readable zone", { timeout: 30_000 }, () => {
  it("finds the two lines at the bottom of a level page, across most of its width", async () => {
    const page = await grey(await passportPhoto(testPerson(0)));
    const band = findMrzBand(page)!;
    expect(band).not.toBeNull();
    expect(band.top).toBeGreaterThan(page.height * 0.6);
    expect(band.width).toBeGreaterThan(page.width * 0.7);
    // Two lines and their margins, not the lower part of the page.
    expect(band.height).toBeLessThan(page.height * 0.2);
    expect(await skewAngle(page)).toBe(0);
  });

  it("measures the tilt of a photographed page to half a degree, either way", async () => {
    const level = await passportPhoto(testPerson(0));
    for (const tilt of [-3.2, 4.5]) {
      const page = await grey(await sharp(level).rotate(tilt, { background: "#5b5e63" }).jpeg({ quality: 88 }).toBuffer());
      // sharp turns clockwise for a positive angle; the levelling angle turns it back.
      expect(Math.abs((await skewAngle(page)) + tilt)).toBeLessThanOrEqual(0.5);
      const band = findMrzBand(await grey(await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } }).rotate(-tilt, { background: "#ffffff" }).png().toBuffer()));
      expect(band?.top).toBeGreaterThan(page.height * 0.6);
    }
  });
});
