/**
 * The generated test set for the automated checks: invented people drawn by the demo renderer, each
 * with a passport photographed under one of several conditions (rotation, blur, JPEG compression,
 * lighting) and a selfie, plus the four tampered kinds. Same index, same images.
 */
import sharp from "sharp";

import { renderPassportImage, renderSelfieImage } from "@/lib/specimens/document-images";
import { rng } from "@/lib/specimens/random";
import { buildPassportMrz } from "@/lib/documents/mrz";

const FIRST = ["Alice", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Maya", "Nikolai", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Viktor", "Wanjiru", "Xavier", "Yara", "Zoltan", "Amara", "Bilal", "Carmen", "Dario", "Esther", "Felix", "Greta", "Hamza", "Isla", "Jakub", "Leila", "Mateo", "Noor", "Oskar"];
const LAST = ["Martin", "Okafor", "Rossi", "Ivanova", "Haddad", "Tanaka", "Silva", "Novak", "Kowalski", "Jensen", "Moreau", "Schmidt", "Nguyen", "Garcia", "Petrov", "Andersson", "Murphy", "Costa", "Yilmaz", "Dubois", "Van der Berg", "O'Neill", "Mensah", "Lindqvist", "Horvat", "Papadopoulos", "Kaur", "Fischer", "Sato", "Ramirez"];
const STATES = ["GBR", "DEU", "FRA", "ITA", "ESP", "NLD", "SWE", "POL", "PRT", "IRL", "CAN", "JPN", "NGA", "KEN", "BRA"];

export type Condition = "clean" | "rotated" | "blurred" | "jpeg" | "dim" | "bright";
const CONDITIONS: Condition[] = ["clean", "rotated", "blurred", "jpeg", "dim", "bright"];

export type TestPerson = {
  index: number;
  seed: number;
  first: string;
  last: string;
  nationality: string;
  birthDate: string;
  expiresAt: string;
  sex: "F" | "M";
  number: string;
  mrz: [string, string];
  condition: Condition;
};

const pad = (n: number) => String(n).padStart(2, "0");

/** Person `index` of the set: distinct names (first × last × index) and a face of its own seed. */
export function testPerson(index: number): TestPerson {
  const r = rng(90_001 + index * 7);
  const first = FIRST[index % FIRST.length]!;
  const last = LAST[Math.floor(index / FIRST.length + index) % LAST.length]!;
  const nationality = r.pick(STATES);
  const birthDate = `${r.int(1950, 2004)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
  const expiresAt = `${r.int(2027, 2035)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
  const sex = r.chance(0.5) ? "F" : "M";
  const number = `${String.fromCharCode(65 + r.int(0, 25))}${r.int(10_000_000, 99_999_999)}`;
  const mrz = passportMrz({ first, last, nationality, birthDate, expiresAt, sex, number });
  return { index, seed: 5_000 + index, first, last, nationality, birthDate, expiresAt, sex, number, mrz, condition: CONDITIONS[index % CONDITIONS.length]! };
}

function passportMrz(p: Pick<TestPerson, "first" | "last" | "nationality" | "birthDate" | "expiresAt" | "sex" | "number">): [string, string] {
  const text = buildPassportMrz({ documentNumber: p.number, issuingCountry: p.nationality, nationality: p.nationality, lastName: p.last, firstName: p.first, birthDate: p.birthDate, sex: p.sex, expirationDate: p.expiresAt });
  return text.split("\n") as [string, string];
}

function renderPassport(p: TestPerson, overrides: { seed?: number; expiresAt?: string; mrz?: [string, string] } = {}): Promise<Buffer> {
  const expiresAt = overrides.expiresAt ?? p.expiresAt;
  return renderPassportImage({
    lastName: p.last,
    firstNames: p.first,
    nationality: p.nationality,
    birthDate: p.birthDate,
    sex: p.sex,
    number: p.number,
    issuedAt: "2022-03-01",
    expiresAt,
    mrz: overrides.mrz ?? (overrides.expiresAt ? passportMrz({ ...p, expiresAt }) : p.mrz),
    seed: overrides.seed ?? p.seed,
  });
}

/** The photograph of a page or face under a condition: what a phone camera does to it. */
export async function photograph(png: Buffer, condition: Condition, seed: number): Promise<Buffer> {
  const r = rng(seed * 13 + 1);
  const image = sharp(png);
  switch (condition) {
    case "clean":
      return image.jpeg({ quality: 90 }).toBuffer();
    case "rotated": {
      const angle = r.range(2, 5) * (r.chance(0.5) ? 1 : -1);
      return image.rotate(angle, { background: "#5b5e63" }).jpeg({ quality: 88 }).toBuffer();
    }
    case "blurred":
      return image.blur(r.range(0.8, 1.3)).jpeg({ quality: 88 }).toBuffer();
    case "jpeg":
      return image.jpeg({ quality: r.int(25, 45) }).toBuffer();
    case "dim":
      return image.modulate({ brightness: r.range(0.55, 0.7) }).jpeg({ quality: 85 }).toBuffer();
    case "bright":
      return image.modulate({ brightness: r.range(1.1, 1.2) }).jpeg({ quality: 85 }).toBuffer();
  }
}

export async function passportPhoto(p: TestPerson): Promise<Buffer> {
  return photograph(await renderPassport(p), p.condition, p.seed);
}

export async function selfiePhoto(p: TestPerson): Promise<Buffer> {
  // A selfie is taken in its own light: the condition of the next person's document.
  const condition = CONDITIONS[(p.index + 1) % CONDITIONS.length]!;
  return photograph(await renderSelfieImage({ seed: p.seed }), condition === "rotated" ? "clean" : condition, p.seed + 1);
}

export type TamperKind = "swapped_face" | "mrz_digit" | "expired" | "document_as_selfie";
export const TAMPER_KINDS: TamperKind[] = ["swapped_face", "mrz_digit", "expired", "document_as_selfie"];

/** One digit of the date of birth changed, the check digits left as they were. */
export function changeMrzDigit(mrz: [string, string]): [string, string] {
  const at = 17;
  const digit = mrz[1][at]!;
  const changed = String((Number(digit) + 3) % 10);
  return [mrz[0], mrz[1].slice(0, at) + changed + mrz[1].slice(at + 1)];
}

/**
 * A tampered submission of person `p`: the passport and selfie a fraudster would send. `other` is the
 * person whose face is pasted onto the document.
 */
export async function tampered(kind: TamperKind, p: TestPerson, other: TestPerson): Promise<{ passport: Buffer; selfie: Buffer }> {
  switch (kind) {
    case "swapped_face":
      return { passport: await photograph(await renderPassport(p, { seed: other.seed }), "clean", p.seed), selfie: await selfiePhoto(p) };
    case "mrz_digit":
      return { passport: await photograph(await renderPassport(p, { mrz: changeMrzDigit(p.mrz) }), "clean", p.seed), selfie: await selfiePhoto(p) };
    case "expired":
      return { passport: await photograph(await renderPassport(p, { expiresAt: "2024-02-29" }), "clean", p.seed), selfie: await selfiePhoto(p) };
    case "document_as_selfie": {
      // The passport held up to the camera: the page, smaller, on a desk.
      const page = await renderPassport(p);
      const small = await sharp(page).resize({ width: 420 }).toBuffer();
      const selfie = await sharp({ create: { width: 480, height: 640, channels: 3, background: "#7a6e62" } })
        .composite([{ input: small, left: 30, top: 170 }])
        .jpeg({ quality: 85 })
        .toBuffer();
      return { passport: await passportPhoto(p), selfie };
    }
  }
}
