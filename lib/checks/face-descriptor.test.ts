/**
 * The face descriptor's crop is framed by the eyes, so the same face turned, smaller or dimmer gives
 * nearly the same descriptor, and another person's face does not.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";

import { decodeImage, detectFaces, faceDescriptor, loadHuman } from "./models";
import { faceSimilarity } from "./similarity";
import { selfiePhoto, testPerson } from "./test-set";

async function descriptorOf(bytes: Buffer): Promise<number[]> {
  const image = await decodeImage(bytes);
  const [face] = await detectFaces(image, { selfie: false });
  if (!face) throw new Error("no face found");
  return faceDescriptor(image, face.eyes);
}

describe("faceDescriptor", () => {
  let selfie: Buffer;
  let upright: number[];
  beforeAll(async () => {
    await loadHuman();
    selfie = await selfiePhoto(testPerson(0));
    upright = await descriptorOf(selfie);
  }, 60_000);

  it("finds the eyes left to right on the picture, level on an upright face", async () => {
    const image = await decodeImage(selfie);
    const [face] = await detectFaces(image, { selfie: false });
    const [[lx, ly], [rx, ry]] = face!.eyes;
    expect(rx - lx).toBeGreaterThan(image.width / 8);
    expect(Math.abs(ry - ly)).toBeLessThan((rx - lx) / 10);
  });

  it("gives a turned face the upright face's descriptor", async () => {
    const turned = await sharp(selfie).rotate(10, { background: "#d8d8d0" }).jpeg({ quality: 90 }).toBuffer();
    // Levelled the wrong way, the face ends 20° off and this falls to about 0.79.
    expect(faceSimilarity(upright, await descriptorOf(turned))).toBeGreaterThan(0.85);
  });

  it("gives a face half the size, dimmer, the same descriptor", async () => {
    const small = await sharp(selfie).resize({ width: 240 }).modulate({ brightness: 0.7 }).jpeg({ quality: 90 }).toBuffer();
    // Above any different person's similarity on the generated set (0.72 at most).
    expect(faceSimilarity(upright, await descriptorOf(small))).toBeGreaterThan(0.85);
  });

  it("tells another person's face apart", async () => {
    const other = await descriptorOf(await selfiePhoto(testPerson(1)));
    expect(faceSimilarity(upright, other)).toBeLessThan(0.8);
  });
});
