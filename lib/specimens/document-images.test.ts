import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";

import {
  ID_CARD_SIZE,
  PASSPORT_SIZE,
  PROOF_OF_ADDRESS_SIZE,
  SELFIE_SIZE,
  formatDocumentDate,
  renderIdCardImage,
  renderPassportImage,
  renderProofOfAddressImage,
  renderSelfieImage,
  type IdCardImageInput,
  type PassportImageInput,
  type ProofOfAddressImageInput,
} from "@/lib/specimens/document-images";
import { faceFeatures } from "@/lib/specimens/face";

const passport = (seed: number): PassportImageInput => ({
  lastName: "Fernández García",
  firstNames: "María José",
  nationality: "ESP",
  birthDate: "1988-07-14",
  sex: "F",
  number: "PAB123456",
  issuedAt: "2021-03-02",
  expiresAt: "2031-03-01",
  mrz: ["P<ESPFERNANDEZ<GARCIA<<MARIA<JOSE<<<<<<<<<<<", "PAB1234564ESP8807145F3103013<<<<<<<<<<<<<<06"],
  seed,
});

const idCard = (kind: IdCardImageInput["kind"], seed: number): IdCardImageInput => ({
  kind,
  fullName: "Jonas Müller",
  number: "L01X00T47",
  country: "DEU",
  birthDate: "1990-01-23",
  issuedAt: "2020-05-11",
  expiresAt: "2030-05-10",
  seed,
});

const letter = (kind: ProofOfAddressImageInput["kind"], seed: number): ProofOfAddressImageInput => ({
  kind,
  fullName: "Aoife O'Connell",
  addressLines: ["12 Harbour View", "Cork T12 AB34", "Ireland"],
  issuedAt: "2025-02-14",
  issuer: "Harbour Energy",
  seed,
});

const decoded = new WeakMap<Buffer, PNG>();
const decode = (png: Buffer) => decoded.get(png) ?? decoded.set(png, PNG.sync.read(png)).get(png)!;

/** Number of pixels within `tolerance` (per channel) of `hex` ("#rrggbb"). */
function countColor(png: Buffer, hex: string, tolerance = 3): number {
  const color = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const img = decode(png);
  const channels = img.data.length / (img.width * img.height);
  let n = 0;
  for (let i = 0; i < img.data.length; i += channels) {
    if (
      Math.abs(img.data[i]! - color[0]) <= tolerance &&
      Math.abs(img.data[i + 1]! - color[1]) <= tolerance &&
      Math.abs(img.data[i + 2]! - color[2]) <= tolerance
    )
      n++;
  }
  return n;
}

const renders: [string, () => Promise<Buffer>, { width: number; height: number }][] = [
  ["passport", () => renderPassportImage(passport(7)), PASSPORT_SIZE],
  ["national id", () => renderIdCardImage(idCard("national_id", 7)), ID_CARD_SIZE],
  ["driving licence", () => renderIdCardImage(idCard("driver_license", 7)), ID_CARD_SIZE],
  ["utility bill", () => renderProofOfAddressImage(letter("utility_bill", 7)), PROOF_OF_ADDRESS_SIZE],
  ["bank statement", () => renderProofOfAddressImage(letter("bank_statement", 7)), PROOF_OF_ADDRESS_SIZE],
  ["other letter", () => renderProofOfAddressImage(letter("other", 7)), PROOF_OF_ADDRESS_SIZE],
  ["selfie", () => renderSelfieImage({ seed: 7 }), SELFIE_SIZE],
];

describe("demo document images", () => {
  it.each(renders)("%s is a valid, reasonably small PNG of the expected size", async (_name, render, size) => {
    const png = await render();
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const img = decode(png);
    expect(img.width).toBe(size.width);
    expect(img.height).toBe(size.height);
    expect(png.length).toBeLessThan(300 * 1024);
  });

  it.each(renders)("%s is deterministic (same input, same bytes)", async (_name, render) => {
    const [a, b] = await Promise.all([render(), render()]);
    expect(a.equals(b)).toBe(true);
  });

  it("renders different seeds as different people", async () => {
    const features = Array.from({ length: 12 }, (_, i) => faceFeatures(i + 1));
    const looks = new Set(features.map((f) => `${f.skin}|${f.hair}|${f.hairStyle}|${f.clothing}`));
    expect(looks.size).toBeGreaterThanOrEqual(10);
    expect((await renderSelfieImage({ seed: 1 })).equals(await renderSelfieImage({ seed: 2 }))).toBe(false);
    expect((await renderPassportImage(passport(1))).equals(await renderPassportImage(passport(2)))).toBe(false);
  });

  it("varies the face's shape, not only its colours", () => {
    const features = Array.from({ length: 40 }, (_, i) => faceFeatures(i + 1));
    expect(new Set(features.map((f) => f.shape)).size).toBe(5);
    expect(new Set(features.map((f) => f.face)).size).toBe(40);
    for (const f of features) {
      // The mouth sits between the nose and the chin, and glasses frames clear of each other at the nose.
      expect(f.noseY).toBeLessThan(f.mouthY);
      expect(f.mouthY).toBeLessThan(f.chinY - 15);
      expect(f.leftEye + f.lensW / 2).toBeLessThan(120);
    }
  });

  it("shows the same face colours in the selfie and the document photo for a seed", async () => {
    for (const seed of [11, 23, 37]) {
      const f = faceFeatures(seed);
      const selfie = await renderSelfieImage({ seed });
      const doc = await renderPassportImage(passport(seed));
      const card = await renderIdCardImage(idCard("national_id", seed));
      for (const png of [selfie, doc, card]) {
        expect(countColor(png, f.skin)).toBeGreaterThan(500);
        expect(countColor(png, f.clothing)).toBeGreaterThan(300);
      }
      // Eyes are small but present in every rendering of the person.
      expect(countColor(selfie, f.eyes, 2)).toBeGreaterThan(20);
      expect(countColor(doc, f.eyes, 2)).toBeGreaterThan(10);
    }
    // …and not someone else's: seeds 11 and 23 have clearly different skin tones.
    const [a, b] = [faceFeatures(11), faceFeatures(23)];
    expect(a.skin).not.toEqual(b.skin);
    expect(countColor(await renderSelfieImage({ seed: 23 }), a.skin)).toBeLessThan(50);
  }, 30_000);

  it("draws the MRZ as dark monospace text in the bottom band of the passport", async () => {
    const img = decode(await renderPassportImage(passport(5)));
    let dark = 0;
    for (let y = 510; y < 600; y++)
      for (let x = 0; x < img.width; x++) {
        const i = (y * img.width + x) * (img.data.length / (img.width * img.height));
        if (img.data[i]! < 60 && img.data[i + 1]! < 60 && img.data[i + 2]! < 60) dark++;
      }
    // 88 characters of about 18×22 pixels, each at least a fifth inked.
    expect(dark).toBeGreaterThan(88 * 80);
  });

  it("copes with long names, odd dates, short addresses and characters outside the font", async () => {
    const long = "Maximilian-Alexander Konstantin Bartholomäus von und zu Hohenzollern-Sigmaringen";
    await renderPassportImage({ ...passport(9), lastName: long, firstNames: long, birthDate: "unknown", mrz: ["P<", ""] });
    await renderIdCardImage({ ...idCard("driver_license", 9), fullName: `Иван <${long}> & "co"`, issuedAt: "14/02/2020" });
    await renderProofOfAddressImage({ ...letter("other", 9), addressLines: [], issuer: "Ω", issuedAt: "" });
  });

  it("formats ISO dates the way documents print them", () => {
    expect(formatDocumentDate("1988-07-14")).toBe("14 JUL 1988");
    expect(formatDocumentDate("2031-12-01")).toBe("01 DEC 2031");
    expect(formatDocumentDate("14.07.1988")).toBe("14.07.1988");
  });
});
