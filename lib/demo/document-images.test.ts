import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";

import { CAP_HEIGHT, GLYPH_WIDTH, glyphFor, hasGlyph, normalizeForFont } from "@/lib/demo/bitmap-font";
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
} from "@/lib/demo/document-images";
import { faceFeatures } from "@/lib/demo/face";
import { Raster, type Rgb } from "@/lib/demo/raster";

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

const decode = (png: Buffer) => PNG.sync.read(png);

/** Number of pixels within `tolerance` (per channel) of `color`. */
function countColor(png: Buffer, color: Rgb, tolerance = 3): number {
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

const renders: [string, () => Buffer, { width: number; height: number }][] = [
  ["passport", () => renderPassportImage(passport(7)), PASSPORT_SIZE],
  ["national id", () => renderIdCardImage(idCard("national_id", 7)), ID_CARD_SIZE],
  ["driving licence", () => renderIdCardImage(idCard("driver_license", 7)), ID_CARD_SIZE],
  ["utility bill", () => renderProofOfAddressImage(letter("utility_bill", 7)), PROOF_OF_ADDRESS_SIZE],
  ["bank statement", () => renderProofOfAddressImage(letter("bank_statement", 7)), PROOF_OF_ADDRESS_SIZE],
  ["other letter", () => renderProofOfAddressImage(letter("other", 7)), PROOF_OF_ADDRESS_SIZE],
  ["selfie", () => renderSelfieImage({ seed: 7 }), SELFIE_SIZE],
];

describe("demo document images", () => {
  it.each(renders)("%s is a valid, reasonably small PNG of the expected size", (_name, render, size) => {
    const png = render();
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const img = decode(png);
    expect(img.width).toBe(size.width);
    expect(img.height).toBe(size.height);
    expect(png.length).toBeLessThan(150 * 1024);
  });

  it.each(renders)("%s is deterministic (same input, same bytes)", (_name, render) => {
    expect(render().equals(render())).toBe(true);
  });

  it("renders different seeds as different people", () => {
    const features = Array.from({ length: 12 }, (_, i) => faceFeatures(i + 1));
    const looks = new Set(features.map((f) => `${f.skin.join()}|${f.hair.join()}|${f.hairStyle}|${f.clothing.join()}`));
    expect(looks.size).toBeGreaterThanOrEqual(10);
    expect(renderSelfieImage({ seed: 1 }).equals(renderSelfieImage({ seed: 2 }))).toBe(false);
    expect(renderPassportImage(passport(1)).equals(renderPassportImage(passport(2)))).toBe(false);
  });

  it("shows the same face colours in the selfie and the document photo for a seed", () => {
    for (const seed of [3, 11, 42]) {
      const f = faceFeatures(seed);
      const selfie = renderSelfieImage({ seed });
      const doc = renderPassportImage(passport(seed));
      const card = renderIdCardImage(idCard("national_id", seed));
      for (const png of [selfie, doc, card]) {
        expect(countColor(png, f.skin)).toBeGreaterThan(500);
        expect(countColor(png, f.clothing)).toBeGreaterThan(300);
      }
      // Eyes are small but present in every rendering of the person.
      expect(countColor(selfie, f.eyes, 2)).toBeGreaterThan(20);
      expect(countColor(doc, f.eyes, 2)).toBeGreaterThan(10);
    }
    // …and not someone else's: seeds 3 and 11 have clearly different skin tones.
    const [a, b] = [faceFeatures(3), faceFeatures(11)];
    expect(a.skin).not.toEqual(b.skin);
    expect(countColor(renderSelfieImage({ seed: 11 }), a.skin)).toBeLessThan(50);
  });

  it("draws the MRZ as dark monospace text in the bottom band of the passport", () => {
    const img = decode(renderPassportImage(passport(5)));
    let dark = 0;
    for (let y = 510; y < 600; y++)
      for (let x = 0; x < img.width; x++) {
        const i = (y * img.width + x) * (img.data.length / (img.width * img.height));
        if (img.data[i]! < 60 && img.data[i + 1]! < 60 && img.data[i + 2]! < 60) dark++;
      }
    // 88 characters × several font pixels × 3×3 device pixels each.
    expect(dark).toBeGreaterThan(88 * 8 * 9);
  });

  it("copes with long names, odd dates, short addresses and characters outside the font", () => {
    const long = "Maximilian-Alexander Konstantin Bartholomäus von und zu Hohenzollern-Sigmaringen";
    expect(() =>
      renderPassportImage({ ...passport(9), lastName: long, firstNames: long, birthDate: "unknown", mrz: ["P<", ""] }),
    ).not.toThrow();
    expect(() => renderIdCardImage({ ...idCard("driver_license", 9), fullName: `Иван ${long}`, issuedAt: "14/02/2020" })).not.toThrow();
    expect(() => renderProofOfAddressImage({ ...letter("other", 9), addressLines: [], issuer: "Ω", issuedAt: "" })).not.toThrow();
  });

  it("formats ISO dates the way documents print them", () => {
    expect(formatDocumentDate("1988-07-14")).toBe("14 JUL 1988");
    expect(formatDocumentDate("2031-12-01")).toBe("01 DEC 2031");
    expect(formatDocumentDate("14.07.1988")).toBe("14.07.1988");
  });
});

describe("bitmap font", () => {
  it("has glyphs for the required repertoire", () => {
    for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 <-/.,:'") expect(hasGlyph(ch)).toBe(true);
    for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<-/.,:'") expect(glyphFor(ch).rows.some((r) => r !== 0)).toBe(true);
  });

  it("folds accented capitals (and a few special letters) to their base letters", () => {
    expect(normalizeForFont("ÉÀÇÑÖØÅÆŁ")).toBe("EACNOOAAEL");
    expect(normalizeForFont("Straße")).toBe("Strasse");
    expect(normalizeForFont("MÜLLER, JOSÉ")).toBe("MULLER, JOSE");
  });

  it("draws each font pixel as a scale×scale block", () => {
    const scale = 3;
    const r = new Raster(20, 30, [255, 255, 255]);
    r.drawText("L", 0, 0, { scale, color: [0, 0, 0] });
    const glyph = glyphFor("L");
    for (let row = 0; row < CAP_HEIGHT; row++)
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        const inked = ((glyph.rows[row] ?? 0) >> (GLYPH_WIDTH - 1 - col)) & 1;
        // Proportional layout shifts the glyph left by its first inked column.
        const x = (col - glyph.left) * scale + 1;
        if (x < 0) continue;
        expect(r.getPixel(x, row * scale + 1)[0]).toBe(inked ? 0 : 255);
      }
  });
});
