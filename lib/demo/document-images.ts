/**
 * Code-generated specimen document images for the demo data set: passport data page, identity
 * card / driving licence, proof-of-address letter and a selfie. Pure functions of their input
 * (same input → same PNG bytes); no fonts, network or randomness outside the given seed.
 *
 * Every document carries a "SPECIMEN" mark so an image can never pass for a real document.
 */
import { drawFace, faceFeatures } from "./face";
import { hashString, rng, type Rng } from "./random";
import { normalizeForFont } from "./bitmap-font";
import { Raster, WHITE, hex, insideRoundedRect, mix, shade, type Point, type Rect, type Rgb } from "./raster";

export interface PassportImageInput {
  lastName: string;
  firstNames: string;
  /** ISO 3166-1 alpha-3 code of the issuing state / nationality. */
  nationality: string;
  birthDate: string;
  sex: "F" | "M" | "X";
  number: string;
  issuedAt: string;
  expiresAt: string;
  /** The two 44-character TD3 machine-readable-zone lines. */
  mrz: [string, string];
  seed: number;
}

export interface IdCardImageInput {
  kind: "national_id" | "driver_license";
  fullName: string;
  number: string;
  country: string;
  birthDate: string;
  issuedAt: string;
  expiresAt: string;
  seed: number;
}

export interface ProofOfAddressImageInput {
  kind: "utility_bill" | "bank_statement" | "other";
  fullName: string;
  addressLines: string[];
  issuedAt: string;
  issuer: string;
  seed: number;
}

export const PASSPORT_SIZE = { width: 880, height: 620 } as const;
export const ID_CARD_SIZE = { width: 860, height: 540 } as const;
export const PROOF_OF_ADDRESS_SIZE = { width: 800, height: 1000 } as const;
export const SELFIE_SIZE = { width: 480, height: 640 } as const;

const INK: Rgb = hex("#1b1e24");
const LABEL: Rgb = hex("#56606e");
const SPECIMEN_RED: Rgb = hex("#c8102e");
const GOLD: Rgb = hex("#e2c275");
const SIGNATURE_INK: Rgb = hex("#1f2d6e");

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function parseIsoDate(s: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { y, m: mo, d };
}

/** "1990-04-12" → "12 APR 1990" (document style); anything else is shown as given, upper-cased. */
export function formatDocumentDate(s: string): string {
  const p = parseIsoDate(s);
  if (!p) return s.toUpperCase();
  return `${String(p.d).padStart(2, "0")} ${MONTHS[p.m - 1]} ${p.y}`;
}

/** "2025-03-04" → "4 March 2025" (letter style). */
function formatLetterDate(s: string): string {
  const p = parseIsoDate(s);
  if (!p) return s;
  return `${p.d} ${MONTH_NAMES[p.m - 1]} ${p.y}`;
}

function shortDate(d: Date): string {
  return `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]!.charAt(0)}${MONTHS[d.getUTCMonth()]!.slice(1).toLowerCase()}`;
}

function money(v: number): string {
  const fixed = Math.abs(v).toFixed(2);
  const [int = "0", dec = "00"] = fixed.split(".");
  return `${v < 0 ? "-" : ""}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${dec}`;
}

// ---------------------------------------------------------------------------------------------
// Shared document decorations
// ---------------------------------------------------------------------------------------------

/**
 * Fine interference-wave security background ("guilloche"). Every line has the same shape and the
 * waves repeat every `lambda` pixels, which keeps the PNG small (deflate finds the repeats).
 */
function guilloche(r: Raster, rect: Rect, color: Rgb, alpha: number, rand: Rng): void {
  const lambda = rand.int(5, 8) * 16;
  const amp = rand.range(7, 10);
  const phase = rand.range(0, Math.PI * 2);
  const spacing = 10;
  const wave = (x: number) =>
    amp * Math.sin((2 * Math.PI * x) / lambda) + amp * 0.5 * Math.sin((4 * Math.PI * x) / lambda + phase);
  r.withClip(rect, () => {
    for (let k = -3; k * spacing < rect.h + 3 * spacing; k++) {
      const base = rect.y + k * spacing;
      const up: Point[] = [];
      const down: Point[] = [];
      for (let x = rect.x - 4; x <= rect.x + rect.w + 4; x += 2) {
        up.push([x, base + wave(x)]);
        down.push([x, base - wave(x) + spacing / 2]);
      }
      r.strokePolyline(up, 1, color, alpha);
      r.strokePolyline(down, 1, color, alpha * 0.7);
    }
  });
}

/** A large, faint emblem (star in a ring) printed under the data. */
function emblemWatermark(r: Raster, cx: number, cy: number, radius: number, color: Rgb, alpha: number): void {
  r.fillShape(
    { x: cx - radius - 1, y: cy - radius - 1, w: 2 * radius + 2, h: 2 * radius + 2 },
    (x, y) => {
      const d = Math.hypot(x - cx, y - cy);
      return d <= radius && d >= radius * 0.9;
    },
    color,
    alpha,
  );
  r.fillPolygon(star(cx, cy, radius * 0.7, radius * 0.29, 5), color, alpha);
}

/** A cursive-looking scribble; deterministic from the name and seed. */
function signature(r: Raster, x: number, y: number, w: number, h: number, name: string, seed: number): void {
  const rand = rng(seed * 31 + hashString(name));
  const loops = rand.range(5, 8);
  const f2 = rand.range(3.5, 6);
  const p1 = rand.range(0, 6.28);
  const p2 = rand.range(0, 6.28);
  const pts: Point[] = [];
  const n = 260;
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const envelope = 0.55 + 0.45 * Math.sin(Math.PI * t);
    pts.push([
      x + w * 0.04 + w * 0.82 * t + w * 0.035 * Math.sin(2 * Math.PI * loops * t + p1),
      y + h * 0.5 + h * 0.32 * envelope * Math.sin(2 * Math.PI * f2 * t + p2) - h * 0.1 * t,
    ]);
  }
  r.strokePolyline(pts, 2, SIGNATURE_INK, 0.9);
  r.strokePolyline(
    [
      [x + w * 0.1, y + h * 0.86],
      [x + w * 0.5, y + h * 0.8],
      [x + w * 0.95, y + h * 0.7],
    ],
    1.6,
    SIGNATURE_INK,
    0.85,
  );
}

function specimenMark(r: Raster, cx: number, cy: number, scale: number, angle = -0.32): void {
  r.drawTextRotated("SPECIMEN", cx, cy, angle, { scale, color: SPECIMEN_RED, alpha: 0.2, tracking: 1 });
}

/** Portrait photo: soft studio background and the seed's face. */
function portrait(r: Raster, box: Rect, seed: number, background: Rgb): void {
  r.linearGradient(box, mix(background, WHITE, 0.5), background, 0.3, 1);
  drawFace(r, box, faceFeatures(seed));
}

/** A small faded copy of the portrait ("ghost image"), as printed on modern documents. */
function ghostImage(r: Raster, box: Rect, seed: number, paper: Rgb): void {
  const small = new Raster(Math.round(box.w), Math.round(box.h), paper);
  drawFace(small, { x: 0, y: 0, w: small.width, h: small.height }, faceFeatures(seed));
  // Monochrome, low-contrast: blend towards the paper colour.
  for (let i = 0; i < small.data.length; i += 3) {
    const lum = 0.3 * small.data[i]! + 0.59 * small.data[i + 1]! + 0.11 * small.data[i + 2]!;
    small.data[i] = Math.round(lum);
    small.data[i + 1] = Math.round(lum);
    small.data[i + 2] = Math.round(lum);
  }
  r.blit(small, Math.round(box.x), Math.round(box.y), 0.28);
}

/** Largest scale (≤ preferred, ≥ 2) at which the text fits; truncates if even scale 2 is too wide. */
function fitText(r: Raster, text: string, maxWidth: number, preferred: number): { text: string; scale: number } {
  for (let scale = preferred; scale >= 2; scale--) if (r.measureText(text, { scale }) <= maxWidth) return { text, scale };
  let t = text;
  while (t.length > 1 && r.measureText(`${t}.`, { scale: 2 }) > maxWidth) t = t.slice(0, -1);
  return { text: `${t.trimEnd()}.`, scale: 2 };
}

interface FieldStyle {
  label: Rgb;
  value: Rgb;
}

/** A labelled field: small label line, value underneath. */
function field(r: Raster, label: string, value: string, x: number, y: number, maxWidth: number, style: FieldStyle): void {
  // Bilingual labels ("Surname / Nom") drop the translation when the column is too narrow.
  const shortLabel = r.measureText(label, { scale: 2 }) <= maxWidth ? label : (label.split(" / ")[0] ?? label);
  r.drawText(fitText(r, shortLabel, maxWidth, 2).text, x, y, { scale: 2, color: style.label });
  const fitted = fitText(r, value, maxWidth, 3);
  r.drawText(fitted.text, x, y + 20 + (3 - fitted.scale) * 4, { scale: fitted.scale, color: style.value, bold: true });
}

// ---------------------------------------------------------------------------------------------
// Passport
// ---------------------------------------------------------------------------------------------

const COVER_COLOURS = ["#6d1a2b", "#1d2f5a", "#1f4b3b", "#2b2b30", "#243f73", "#5a1f3c"].map(hex);

export function renderPassportImage(p: PassportImageInput): Buffer {
  const { width: W, height: H } = PASSPORT_SIZE;
  const nat = p.nationality.toUpperCase();
  const cover = COVER_COLOURS[hashString(nat) % COVER_COLOURS.length]!;
  const paper = mix(cover, WHITE, 0.93);
  const rand = rng(p.seed * 101 + hashString(nat));
  const r = new Raster(W, H, paper);

  // Page background with security print.
  r.linearGradient({ x: 0, y: 0, w: W, h: H }, mix(cover, WHITE, 0.94), mix(hex("#c9a24a"), WHITE, 0.86), 0, 1);
  guilloche(r, { x: 0, y: 76, w: W, h: 424 }, mix(cover, WHITE, 0.55), 0.3, rand);
  emblemWatermark(r, 600, 290, 150, cover, 0.05);
  specimenMark(r, 600, 290, 8);

  // Header band.
  r.linearGradient({ x: 0, y: 0, w: W, h: 76 }, cover, shade(cover, 0.75), 1, 0);
  r.fillRect(0, 76, W, 3, GOLD);
  r.strokeRoundedRect(22, 12, 52, 52, 26, 3, GOLD);
  r.fillPolygon(star(48, 38, 17, 7, 5), GOLD);
  r.drawText("PASSPORT", 96, 12, { scale: 4, color: GOLD, bold: true, tracking: 1 });
  r.drawText("PASSEPORT / PASAPORTE", 98, 50, { scale: 2, color: mix(GOLD, WHITE, 0.3) });
  r.drawTextRight(nat, W - 30, 22, { scale: 4, color: GOLD, bold: true, tracking: 1 });

  // Portrait and signature.
  const photo: Rect = { x: 40, y: 98, w: 228, h: 292 };
  portrait(r, photo, p.seed, hex("#c9d3db"));
  r.strokeRoundedRect(photo.x - 1, photo.y - 1, photo.w + 2, photo.h + 2, 2, 1, hex("#8b939c"));
  r.drawText("Holder's signature", 40, 404, { scale: 2, color: LABEL });
  signature(r, 44, 424, 220, 56, `${p.firstNames} ${p.lastName}`, p.seed);

  // Data fields.
  const style: FieldStyle = { label: mix(LABEL, cover, 0.35), value: INK };
  const x0 = 300;
  field(r, "Type / Type", "P", x0, 92, 80, style);
  field(r, "Code / Code", nat, 400, 92, 140, style);
  field(r, "Passport No. / N° du passeport", p.number.toUpperCase(), 560, 92, 300, style);
  field(r, "Surname / Nom", p.lastName.toUpperCase(), x0, 150, 550, style);
  field(r, "Given names / Prénoms", p.firstNames.toUpperCase(), x0, 208, 550, style);
  field(r, "Nationality / Nationalité", nat, x0, 266, 240, style);
  field(r, "Sex / Sexe", p.sex, 560, 266, 120, style);
  field(r, "Date of birth / Date de naissance", formatDocumentDate(p.birthDate), x0, 324, 420, style);
  field(r, "Date of issue / Date de délivrance", formatDocumentDate(p.issuedAt), x0, 382, 250, style);
  field(r, "Date of expiry / Date d'expiration", formatDocumentDate(p.expiresAt), 580, 382, 280, style);
  field(r, "Authority / Autorité", `PASSPORT OFFICE ${nat}`, x0, 440, 440, style);
  ghostImage(r, { x: 760, y: 262, w: 86, h: 108 }, p.seed, paper);


  // Machine readable zone.
  r.fillRect(0, 500, W, H - 500, hex("#fbfaf6"));
  r.fillRect(0, 500, W, 1, mix(cover, WHITE, 0.6));
  const mrzScale = 3;
  for (const [i, line] of p.mrz.entries()) {
    const text = line.toUpperCase();
    const w = r.measureText(text, { scale: mrzScale, mono: true });
    r.drawText(text, Math.max(8, Math.round((W - w) / 2)), 522 + i * 46, { scale: mrzScale, mono: true, color: hex("#111111") });
  }
  return r.toPng();
}

function star(cx: number, cy: number, outer: number, inner: number, points: number): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i < points * 2; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / points;
    const rr = i % 2 === 0 ? outer : inner;
    pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  return pts;
}

// ---------------------------------------------------------------------------------------------
// Identity card / driving licence
// ---------------------------------------------------------------------------------------------

export function renderIdCardImage(p: IdCardImageInput): Buffer {
  const { width: W, height: H } = ID_CARD_SIZE;
  const dl = p.kind === "driver_license";
  const country = p.country.toUpperCase();
  const rand = rng(p.seed * 211 + hashString(country) + (dl ? 7 : 0));
  const accent = dl ? hex("#a3213a") : hex("#1f4e79");
  const c0 = dl ? hex("#f7dfe4") : hex("#d9e9f1");
  const c1 = dl ? hex("#fcefd6") : hex("#ece2f1");
  const r = new Raster(W, H, WHITE);
  const card = insideRoundedRect(0, 0, W, H, 34);

  r.linearGradient({ x: 0, y: 0, w: W, h: H }, c0, c1, 0, 1);
  guilloche(r, { x: 0, y: 0, w: W, h: H }, mix(accent, WHITE, 0.6), 0.25, rand);
  emblemWatermark(r, 620, 300, 150, accent, 0.05);
  specimenMark(r, 560, 300, 8);

  const style: FieldStyle = { label: mix(LABEL, accent, 0.3), value: INK };
  const photo: Rect = { x: 34, y: 104, w: 216, h: 276 };

  if (dl) {
    // EU-style country box with a ring of stars.
    const box: Rect = { x: 26, y: 20, w: 72, h: 66 };
    r.fillRoundedRect(box.x, box.y, box.w, box.h, 6, hex("#1d3f8f"));
    for (let i = 0; i < 12; i++) {
      const a = (i / 12) * Math.PI * 2;
      r.fillPolygon(star(box.x + 36 + 22 * Math.cos(a), box.y + 27 + 17 * Math.sin(a), 3.6, 1.5, 5), hex("#f4c542"));
    }
    const cw = r.measureText(country, { scale: 2, bold: true });
    r.drawText(country, box.x + (box.w - cw) / 2, box.y + 48, { scale: 2, color: WHITE, bold: true });
    r.drawText("DRIVING LICENCE", 116, 22, { scale: 4, color: accent, bold: true, tracking: 1 });
    r.drawText("PERMIS DE CONDUIRE / FÜHRERSCHEIN", 118, 60, { scale: 2, color: mix(accent, LABEL, 0.5) });
    r.fillRect(26, 92, W - 52, 2, mix(accent, WHITE, 0.4));

    const categories = ["AM", "A1", "B"].concat(rand.chance(0.4) ? ["BE"] : [], rand.chance(0.2) ? ["C1"] : []);
    field(r, "1./2. Name", p.fullName.toUpperCase(), 280, 104, 550, style);
    field(r, "3. Date of birth", `${formatDocumentDate(p.birthDate)}`, 280, 164, 260, style);
    field(r, "4c. Authority", `ROAD SAFETY AUTH. ${country}`, 560, 164, 270, style);
    field(r, "4a. Date of issue", formatDocumentDate(p.issuedAt), 280, 224, 260, style);
    field(r, "4b. Date of expiry", formatDocumentDate(p.expiresAt), 560, 224, 270, style);
    field(r, "5. Licence number", p.number.toUpperCase(), 280, 284, 550, style);
    field(r, "9. Categories", categories.join(" / "), 280, 344, 360, style);
    r.drawText("7.", 280, 410, { scale: 2, color: style.label });
    signature(r, 300, 398, 220, 52, p.fullName, p.seed);
    ghostImage(r, { x: 720, y: 330, w: 90, h: 114 }, p.seed, mix(c0, c1, 0.8));
  } else {
    r.linearGradient({ x: 0, y: 0, w: W, h: 82 }, accent, shade(accent, 0.7), 1, 0);
    r.fillRect(0, 82, W, 3, GOLD);
    r.strokeRoundedRect(24, 14, 54, 54, 27, 3, GOLD);
    r.fillPolygon(star(51, 41, 18, 7.5, 5), GOLD);
    r.drawText("IDENTITY CARD", 98, 14, { scale: 4, color: WHITE, bold: true, tracking: 1 });
    r.drawText("CARTE D'IDENTITÉ / PERSONALAUSWEIS", 100, 52, { scale: 2, color: mix(WHITE, accent, 0.2) });
    r.drawTextRight(country, W - 34, 24, { scale: 4, color: GOLD, bold: true, tracking: 1 });

    field(r, "Surname and given names / Nom et prénoms", p.fullName.toUpperCase(), 280, 104, 440, style);
    field(r, "Document No. / N° du document", p.number.toUpperCase(), 280, 164, 420, style);
    field(r, "Nationality / Nationalité", country, 280, 224, 240, style);
    field(r, "Date of birth / Date de naissance", formatDocumentDate(p.birthDate), 520, 224, 320, style);
    field(r, "Date of issue / Délivrance", formatDocumentDate(p.issuedAt), 280, 284, 240, style);
    field(r, "Date of expiry / Expiration", formatDocumentDate(p.expiresAt), 520, 284, 320, style);
    r.drawText("Signature / Signature", 280, 350, { scale: 2, color: style.label });
    signature(r, 284, 368, 230, 56, p.fullName, p.seed);

    // Contact chip.
    const chip: Rect = { x: 744, y: 108, w: 82, h: 64 };
    r.fillRoundedRect(chip.x, chip.y, chip.w, chip.h, 10, hex("#d4b15c"));
    r.fillRoundedRect(chip.x + 3, chip.y + 3, chip.w - 6, chip.h - 6, 8, hex("#e6c97c"));
    const line = hex("#a88533");
    r.strokePolyline([[chip.x + 4, chip.y + 22], [chip.x + chip.w - 4, chip.y + 22]], 1.5, line);
    r.strokePolyline([[chip.x + 4, chip.y + 42], [chip.x + chip.w - 4, chip.y + 42]], 1.5, line);
    r.strokePolyline([[chip.x + 30, chip.y + 4], [chip.x + 30, chip.y + chip.h - 4]], 1.5, line);
    r.strokePolyline([[chip.x + 52, chip.y + 4], [chip.x + 52, chip.y + chip.h - 4]], 1.5, line);
    r.strokeRoundedRect(chip.x + 30, chip.y + 22, 22, 20, 3, 1.5, line);
    ghostImage(r, { x: 720, y: 330, w: 90, h: 114 }, p.seed, mix(c0, c1, 0.8));
  }

  portrait(r, photo, p.seed, dl ? hex("#d8d4d0") : hex("#c9d3db"));
  r.strokeRoundedRect(photo.x - 1, photo.y - 1, photo.w + 2, photo.h + 2, 2, 1, hex("#8b939c"));

  // Bottom strip with a card access number in microprint style.
  r.fillRect(0, 470, W, 2, mix(accent, WHITE, 0.5));
  const can = String(rand.int(100000, 999999));
  r.drawText(`CAN ${can}`, 34, 490, { scale: 2, color: LABEL, mono: true });
  r.drawTextRight(`${country} ${dl ? "DL" : "ID"} ${p.number.toUpperCase()}`, W - 40, 490, { scale: 2, color: LABEL });


  // Rounded card corners.
  r.fillShape({ x: 0, y: 0, w: W, h: H }, (x, y) => !card(x, y), WHITE);
  r.strokeRoundedRect(0, 0, W, H, 34, 1.5, mix(accent, hex("#999999"), 0.6), 0.8);
  return r.toPng();
}

// ---------------------------------------------------------------------------------------------
// Proof of address letter
// ---------------------------------------------------------------------------------------------

const BRAND_COLOURS = ["#0b6e4f", "#1d4e89", "#b5462c", "#6a3d9a", "#00727a", "#9b1d48", "#2f5d1e", "#c27c0e"].map(hex);

interface TableRow {
  cells: string[];
  bold?: boolean;
}

function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .split(/\s+/)
    .filter((w) => w.length > 0 && !/^(of|the|and|de|la|le|du|der|die|von|ltd|plc|sa|ag|gmbh|inc)$/i.test(w));
  const letters = words.slice(0, 2).map((w) => w[0]!.toUpperCase());
  return letters.join("") || "CO";
}

export function renderProofOfAddressImage(p: ProofOfAddressImageInput): Buffer {
  const { width: W, height: H } = PROOF_OF_ADDRESS_SIZE;
  const brand = BRAND_COLOURS[hashString(p.issuer) % BRAND_COLOURS.length]!;
  const rand = rng(p.seed * 331 + hashString(p.issuer + p.kind));
  const paper = hex("#fdfdfb");
  const r = new Raster(W, H, paper);
  const M = 60; // page margin
  specimenMark(r, 420, 620, 10, -0.42);

  // Letterhead.
  r.fillRect(0, 0, W, 8, brand);
  r.fillRoundedRect(M, 40, 72, 72, 14, brand);
  r.strokePolyline(
    Array.from({ length: 30 }, (_, i): Point => [M + 8 + i * 2, 98 - 10 * Math.sin((i / 29) * Math.PI)]),
    3,
    mix(brand, WHITE, 0.45),
  );
  const ini = initials(p.issuer);
  const iw = r.measureText(ini, { scale: 4, bold: true });
  r.drawText(ini, M + (72 - iw) / 2, 52, { scale: 4, color: WHITE, bold: true });
  const issuerFit = fitText(r, p.issuer, 300, 3);
  r.drawText(issuerFit.text, M + 88, 52, { scale: issuerFit.scale, color: brand, bold: true });
  const tagline = p.kind === "utility_bill" ? "Energy & water services" : p.kind === "bank_statement" ? "Personal banking" : "Resident services";
  r.drawText(tagline, M + 88, 84, { scale: 2, color: LABEL });
  const domain = normalizeForFont(p.issuer).toLowerCase().replace(/[^a-z0-9]+/g, "").slice(0, 18) || "issuer";
  const phone = `0800 ${rand.int(100, 999)} ${rand.int(1000, 9999)}`;
  r.drawTextRight(`www.${domain}.example`, W - M, 48, { scale: 2, color: LABEL });
  r.drawTextRight(`Tel. ${phone}`, W - M, 70, { scale: 2, color: LABEL });
  r.drawTextRight("Mon-Fri 8:00-18:00", W - M, 92, { scale: 2, color: LABEL });

  // Recipient address (window-envelope position).
  r.drawText(p.fullName, M, 180, { scale: 2, color: INK, bold: true });
  p.addressLines.slice(0, 5).forEach((line, i) => {
    const fitted = fitText(r, line, 360, 2);
    r.drawText(fitted.text, M, 204 + i * 22, { scale: 2, color: INK });
  });

  // Reference box.
  const issued = parseIsoDate(p.issuedAt);
  const issuedUtc = issued ? Date.UTC(issued.y, issued.m - 1, issued.d) : Date.UTC(2025, 0, 15);
  const periodEnd = new Date(issuedUtc - 5 * 86_400_000);
  const periodStart = new Date(Date.UTC(periodEnd.getUTCFullYear(), periodEnd.getUTCMonth() - 1, periodEnd.getUTCDate() + 1));
  const account = `${rand.int(10, 99)}-${rand.int(1000, 9999)}-${rand.int(1000, 9999)}`;
  const box: Rect = { x: 430, y: 168, w: W - M - 430, h: 118 };
  r.fillRoundedRect(box.x, box.y, box.w, box.h, 8, mix(brand, WHITE, 0.92));
  const refRows: [string, string][] = [
    ["Date", formatLetterDate(p.issuedAt)],
    [p.kind === "bank_statement" ? "Account" : "Account no.", account],
    ["Period", `${shortDate(periodStart)} - ${shortDate(periodEnd)}`],
    ["Page", "1 of 1"],
  ];
  refRows.forEach(([k, v], i) => {
    const kw = r.drawText(k, box.x + 14, box.y + 14 + i * 24, { scale: 2, color: LABEL });
    const fitted = fitText(r, v, box.w - 28 - kw - 12, 2);
    r.drawTextRight(fitted.text, box.x + box.w - 14, box.y + 14 + i * 24, { scale: 2, color: INK });
  });

  // Title and body.
  const title = p.kind === "utility_bill" ? "Your electricity bill" : p.kind === "bank_statement" ? "Account statement" : "Annual charges notice";
  r.drawText(title, M, 330, { scale: 3, color: brand, bold: true });
  r.fillRect(M, 360, W - 2 * M, 2, mix(brand, WHITE, 0.5));
  const firstName = p.fullName.split(/\s+/)[0] ?? p.fullName;
  const body =
    p.kind === "utility_bill"
      ? [`Dear ${firstName},`, "here is your bill for the supply address shown above.", "Please pay the total amount due by the date below."]
      : p.kind === "bank_statement"
        ? [`Dear ${firstName},`, "this statement lists the transactions on your current", "account for the period shown above."]
        : [`Dear ${firstName},`, "this notice confirms the charges for the residential", "property at the address shown above."];
  body.forEach((line, i) => r.drawText(line, M, 380 + i * 24, { scale: 2, color: INK }));

  // Table.
  let columns: { title: string; width: number; right: boolean }[];
  let rows: TableRow[];
  let totalDue: number;
  let summary: string[];
  let chart: { label: string; value: number }[] = [];
  const dueDate = new Date(issuedUtc + 14 * 86_400_000);
  const dueText = `${dueDate.getUTCDate()} ${MONTH_NAMES[dueDate.getUTCMonth()]} ${dueDate.getUTCFullYear()}`;
  if (p.kind === "utility_bill") {
    const days = Math.round((periodEnd.getTime() - periodStart.getTime()) / 86_400_000) + 1;
    const standing = rand.range(0.38, 0.62);
    const dayKwh = rand.int(140, 320);
    const nightKwh = rand.int(40, 140);
    const dayRate = rand.range(0.22, 0.34);
    const nightRate = rand.range(0.11, 0.18);
    const lines: [string, string, string, number][] = [
      ["Standing charge", `${days} days`, standing.toFixed(4), days * standing],
      ["Energy - day rate", `${dayKwh} kWh`, dayRate.toFixed(4), dayKwh * dayRate],
      ["Energy - night rate", `${nightKwh} kWh`, nightRate.toFixed(4), nightKwh * nightRate],
    ];
    const subtotal = lines.reduce((s, l) => s + Math.round(l[3] * 100) / 100, 0);
    const vat = Math.round(subtotal * 5) / 100;
    totalDue = subtotal + vat;
    columns = [
      { title: "Description", width: 300, right: false },
      { title: "Quantity", width: 140, right: true },
      { title: "Rate", width: 110, right: true },
      { title: "Amount", width: 130, right: true },
    ];
    rows = [
      ...lines.map(([d, q, rt, a]) => ({ cells: [d, q, rt, money(a)] })),
      { cells: ["Subtotal", "", "", money(subtotal)] },
      { cells: ["VAT 5%", "", "", money(vat)] },
      { cells: ["Total due", "", "", money(totalDue)], bold: true },
    ];
    summary = [`Amount due by ${dueText}`, "Paid by direct debit from your", "bank account on or after that date."];
    chart = Array.from({ length: 6 }, (_, i) => {
      const m = (periodEnd.getUTCMonth() + 12 - 5 + i) % 12;
      const winter = Math.cos(((m - 0.5) / 12) * 2 * Math.PI);
      return { label: MONTHS[m]!.charAt(0) + MONTHS[m]!.slice(1).toLowerCase(), value: (dayKwh + nightKwh) * (0.8 + 0.25 * winter) * rand.range(0.9, 1.1) };
    });
  } else if (p.kind === "bank_statement") {
    let balance = rand.range(800, 4200);
    const opening = balance;
    const payees = ["Card payment SUPERMARKET", "Direct debit ELECTRICITY", "Salary ACME LTD", "Card payment PHARMACY", "Transfer SAVINGS", "Card payment CAFE", "Direct debit MOBILE"];
    const span = Math.max(1, Math.round((periodEnd.getTime() - periodStart.getTime()) / 86_400_000));
    const tx: TableRow[] = [{ cells: [shortDate(periodStart), "Opening balance", "", "", money(opening)] }];
    let paidIn = 0;
    let paidOut = 0;
    for (let i = 0; i < 6; i++) {
      const payee = payees[(i * 3 + rand.int(0, 6)) % payees.length]!;
      const credit = payee.startsWith("Salary");
      const amount = credit ? rand.range(1800, 3200) : rand.range(6, 180);
      balance += credit ? amount : -amount;
      if (credit) paidIn += amount;
      else paidOut += amount;
      const day = new Date(periodStart.getTime() + Math.round(((i + 1) / 7) * span) * 86_400_000);
      tx.push({ cells: [shortDate(day), payee, credit ? "" : money(amount), credit ? money(amount) : "", money(balance)] });
    }
    tx.push({ cells: [shortDate(periodEnd), "Closing balance", "", "", money(balance)], bold: true });
    totalDue = balance;
    columns = [
      { title: "Date", width: 80, right: false },
      { title: "Description", width: 300, right: false },
      { title: "Paid out", width: 100, right: true },
      { title: "Paid in", width: 100, right: true },
      { title: "Balance", width: 100, right: true },
    ];
    rows = tx;
    summary = [`Total paid in    EUR ${money(paidIn)}`, `Total paid out   EUR ${money(paidOut)}`];
  } else {
    const items: [string, number][] = [
      ["Residential services charge", rand.range(480, 980)],
      ["Waste collection", rand.range(90, 220)],
      ["Water and sewerage", rand.range(180, 420)],
      ["Discount (single occupant)", -rand.range(40, 120)],
    ];
    totalDue = items.reduce((s, [, v]) => s + Math.round(v * 100) / 100, 0);
    const year = issued?.y ?? 2025;
    columns = [
      { title: "Description", width: 380, right: false },
      { title: "Period", width: 160, right: false },
      { title: "Amount", width: 140, right: true },
    ];
    rows = [
      ...items.map(([d, v]) => ({ cells: [d, `${year}/${String((year + 1) % 100).padStart(2, "0")}`, money(v)] })),
      { cells: ["Total for the year", "", money(totalDue)], bold: true },
    ];
    summary = [`Payable in 10 monthly instalments of EUR ${money(totalDue / 10)}`, `First instalment due ${dueText}.`];
  }
  const tableEnd = drawTable(r, M, 470, columns, rows, brand);

  // Summary notes and, for utility bills, a consumption chart.
  const sy = tableEnd + 26;
  summary.forEach((line, i) => r.drawText(line, M, sy + i * 24, { scale: 2, color: i === 0 ? INK : LABEL, bold: i === 0 }));
  if (chart.length > 0) {
    const max = Math.max(...chart.map((c) => c.value));
    const cx0 = 470;
    const slot = (W - M - cx0) / chart.length;
    r.drawText("Your usage (kWh)", cx0, sy - 4, { scale: 2, color: LABEL });
    chart.forEach((c, i) => {
      const bh = Math.round((c.value / max) * 44);
      const bx = cx0 + i * slot + 8;
      r.fillRect(bx, sy + 62 - bh, slot - 16, bh, i === chart.length - 1 ? brand : mix(brand, WHITE, 0.6));
      r.drawText(c.label, bx, sy + 68, { scale: 2, color: LABEL });
    });
  }

  // Payment slip.
  const slipY = 820;
  for (let x = M; x < W - M; x += 14) r.fillRect(x, slipY, 8, 2, hex("#b8bcc2"));
  const ref = `${rand.int(100000, 999999)}${rand.int(100000, 999999)}`;
  r.drawText(p.kind === "bank_statement" ? "Account summary" : "Payment slip", M, slipY + 24, { scale: 2, color: brand, bold: true });
  r.drawText(`Reference  ${ref}`, M, slipY + 52, { scale: 2, color: INK, mono: true });
  r.drawText(`${p.kind === "bank_statement" ? "Closing balance" : "Amount"}  EUR ${money(totalDue)}`, M, slipY + 76, { scale: 2, color: INK, bold: true });
  r.drawText(p.fullName, M, slipY + 100, { scale: 2, color: INK });
  // Barcode.
  let bx = 470;
  const barRand = rng(hashString(ref));
  while (bx < W - M) {
    const bw = barRand.int(1, 4);
    r.fillRect(bx, slipY + 24, bw, 64, INK);
    bx += bw + barRand.int(1, 4);
  }
  r.drawText(ref, 470, slipY + 96, { scale: 2, color: INK, mono: true });

  // Footer.
  r.fillRect(0, H - 44, W, 44, mix(brand, WHITE, 0.9));
  const footer = fitText(r, `${p.issuer} - computer-generated specimen document`, W - 2 * M, 2);
  r.drawText(footer.text, M, H - 29, { scale: 2, color: LABEL });

  return r.toPng();
}

function drawTable(
  r: Raster,
  x: number,
  y: number,
  columns: { title: string; width: number; right: boolean }[],
  rows: TableRow[],
  brand: Rgb,
): number {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const rowH = 28;
  r.fillRect(x, y, total, rowH, mix(brand, WHITE, 0.8), 0.75);
  const cellText = (text: string, col: number, rowY: number, bold: boolean, color: Rgb) => {
    const c = columns[col]!;
    const cx = x + columns.slice(0, col).reduce((s, cc) => s + cc.width, 0);
    const fitted = fitText(r, text, c.width - 16, 2);
    if (c.right) r.drawTextRight(fitted.text, cx + c.width - 8, rowY + 7, { scale: 2, color, bold });
    else r.drawText(fitted.text, cx + 8, rowY + 7, { scale: 2, color, bold });
  };
  columns.forEach((c, i) => cellText(c.title, i, y, true, shade(brand, 0.8)));
  rows.forEach((row, ri) => {
    const ry = y + rowH * (ri + 1);
    if (ri % 2 === 1) r.fillRect(x, ry, total, rowH, hex("#dfe2e0"), 0.35);
    if (row.bold) r.fillRect(x, ry, total, 2, shade(brand, 0.9));
    row.cells.forEach((cell, ci) => cellText(cell, ci, ry, row.bold ?? false, INK));
  });
  r.fillRect(x, y + rowH * (rows.length + 1), total, 1, hex("#c4c8cc"));
  return y + rowH * (rows.length + 1);
}

// ---------------------------------------------------------------------------------------------
// Selfie
// ---------------------------------------------------------------------------------------------

const WALLS = ["#d9d2c5", "#c9d4d9", "#e3d9cf", "#c7c1b8", "#d4dccf", "#bfc6cf"].map(hex);

export function renderSelfieImage(p: { seed: number }): Buffer {
  const { width: W, height: H } = SELFIE_SIZE;
  const rand = rng(p.seed * 613 + 5);
  const wall = rand.pick(WALLS);
  const r = new Raster(W, H, wall);

  // Out-of-focus room: wall gradient, a door or window frame, a lamp glow, then blur.
  r.linearGradient({ x: 0, y: 0, w: W, h: H }, mix(wall, WHITE, 0.35), shade(wall, 0.72), rand.range(-0.6, 0.6), 1);
  const frameX = rand.chance(0.5) ? rand.range(-40, 60) : rand.range(330, 420);
  if (rand.chance(0.5)) {
    // Window: bright panes.
    r.fillRect(frameX, 60, 150, 260, shade(wall, 0.8));
    r.fillRect(frameX + 10, 70, 130, 240, mix(hex("#e8f1f7"), WHITE, 0.4));
    r.fillRect(frameX + 72, 70, 6, 240, shade(wall, 0.8));
  } else {
    // Door frame and a picture.
    r.fillRect(frameX, 100, 120, H, shade(wall, 0.86));
    r.fillRect(frameX + 10, 110, 100, H, shade(wall, 0.93));
    r.fillRect(W - frameX * 0.5 - 120, 90, 90, 70, hex("#7a6a58"));
  }
  r.radialGlow(rand.range(60, 420), rand.range(40, 160), 220, hex("#fff3d6"), 0.35);
  r.blur(6);

  // The person, slightly off-centre as in a hand-held selfie.
  const box: Rect = { x: 0, y: 10, w: W, h: H - 10 };
  drawFace(r, box, faceFeatures(p.seed), { photo: true, offsetX: rand.range(-0.05, 0.05), headScale: 0.25 });
  // Soft focus and gentle vignette.
  r.blur(1, { x: 0, y: 0, w: W, h: H }, 1);
  const black: Rgb = [0, 0, 0];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const d = Math.hypot((x - W / 2) / (W * 0.75), (y - H / 2) / (H * 0.75));
      if (d > 0.75) r.blend(x, y, black, Math.min(0.35, (d - 0.75) * 0.9));
    }
  return r.toPng();
}
