/**
 * Specimen document images for the demo data set: passport data page, identity card / driving
 * licence, proof-of-address letter and a selfie, drawn as SVG templates (./templates) and rendered
 * to PNG. Pure functions of their input: same input, same PNG bytes.
 *
 * Every document carries a "SPECIMEN" mark so an image can never pass for a real document.
 */
import { faceFeatures } from "./face";
import { hashString, rng, type Rng } from "./random";
import { renderTemplate } from "./svg-render";

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

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

function isoDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  return d && d.getUTCDate() === Number(m![3]) ? d : null;
}

/** "1990-04-12" → "12 APR 1990" (document style); anything else is shown as given, upper-cased. */
export function formatDocumentDate(s: string): string {
  const d = isoDate(s);
  return d ? `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : s.toUpperCase();
}

/** Font size at which `text` fits `width` (Geist capitals average ~0.64 em), at most `size`. */
const fit = (text: string, width: number, size = 20) => Math.max(8, Math.min(size, width / (0.64 * Math.max(1, text.length)))).toFixed(1);

const field = (label: string, value: string, x: number, y: number, width: number) => ({ label, value, x, y, valueY: y + 24, size: fit(value, width) });

/** Shared look of the security print, the photo and the signature for one document. */
function security(rand: Rng, name: string, seed: number, colours: { guilloche: string; label: string; photoBg: string }) {
  const lambda = rand.int(5, 8) * 16;
  const a = rand.range(7, 10).toFixed(1);
  const wave = `M0 7c${lambda * 0.18} -${a} ${lambda * 0.32} -${a} ${lambda * 0.5} 0s${lambda * 0.32} ${a} ${lambda * 0.5} 0`;
  const s = rng(seed * 31 + hashString(name));
  const [loops, f2, p1, p2] = [s.range(5, 8), s.range(3.5, 6), s.range(0, 6.28), s.range(0, 6.28)];
  const points = Array.from({ length: 121 }, (_, i) => {
    const t = i / 120;
    const x = 9 + 180 * t + 8 * Math.sin(2 * Math.PI * loops * t + p1);
    const y = 28 + 18 * (0.55 + 0.45 * Math.sin(Math.PI * t)) * Math.sin(2 * Math.PI * f2 * t + p2) - 6 * t;
    return `${x.toFixed(1)} ${y.toFixed(1)}`;
  });
  return { ...colours, ...faceFeatures(seed), lambda, half: lambda / 2, wave, signature: `M${points.join("L")}M20 48Q110 44 205 38` };
}

const COVERS = ["#6d1a2b", "#1d2f5a", "#1f4b3b", "#2b2b30", "#243f73", "#5a1f3c"];

export function renderPassportImage(p: PassportImageInput): Promise<Buffer> {
  const nationality = p.nationality.toUpperCase();
  const cover = COVERS[hashString(nationality) % COVERS.length]!;
  const rand = rng(p.seed * 101 + hashString(nationality));
  return renderTemplate("passport", {
    ...security(rand, `${p.firstNames} ${p.lastName}`, p.seed, { guilloche: cover, label: "#4d5a66", photoBg: "#c3ccd6" }),
    cover,
    nationality,
    mrz: p.mrz.map((line) => line.toUpperCase()),
    fields: [
      field("Type / Type", "P", 300, 104, 80),
      field("Code / Code", nationality, 400, 104, 140),
      field("Passport No. / N° du passeport", p.number.toUpperCase(), 560, 104, 290),
      field("Surname / Nom", p.lastName.toUpperCase(), 300, 162, 540),
      field("Given names / Prénoms", p.firstNames.toUpperCase(), 300, 220, 540),
      field("Nationality / Nationalité", nationality, 300, 278, 240),
      field("Sex / Sexe", p.sex, 560, 278, 120),
      field("Date of birth / Date de naissance", formatDocumentDate(p.birthDate), 300, 336, 420),
      field("Date of issue / Date de délivrance", formatDocumentDate(p.issuedAt), 300, 394, 250),
      field("Date of expiry / Date d'expiration", formatDocumentDate(p.expiresAt), 580, 394, 270),
      field("Authority / Autorité", `PASSPORT OFFICE ${nationality}`, 300, 452, 440),
    ],
  });
}

export function renderIdCardImage(p: IdCardImageInput): Promise<Buffer> {
  const dl = p.kind === "driver_license";
  const country = p.country.toUpperCase();
  const number = p.number.toUpperCase();
  const rand = rng(p.seed * 211 + hashString(country) + (dl ? 7 : 0));
  const accent = dl ? "#a3213a" : "#1f4e79";
  const dates = (x: number, y: number, issue: string, expiry: string) => [
    field(issue, formatDocumentDate(p.issuedAt), x, y, 250),
    field(expiry, formatDocumentDate(p.expiresAt), x + 280, y, 270),
  ];
  const categories = ["AM", "A1", "B", ...(rand.chance(0.4) ? ["BE"] : []), ...(rand.chance(0.2) ? ["C1"] : [])];
  return renderTemplate("id-card", {
    ...security(rand, p.fullName, p.seed, { guilloche: accent, label: dl ? "#6d4b55" : "#46586b", photoBg: dl ? "#d2cdc8" : "#c3ccd6" }),
    dl,
    accent,
    tint0: dl ? "#f7dfe4" : "#d9e9f1",
    tint1: dl ? "#fcefd6" : "#ece2f1",
    country,
    number,
    code: dl ? "DL" : "ID",
    can: rand.int(100000, 999999),
    stars: Array.from({ length: 12 }, (_, i) => ({ x: (62 + 22 * Math.cos((i * Math.PI) / 6)).toFixed(1), y: (46 + 17 * Math.sin((i * Math.PI) / 6)).toFixed(1) })),
    fields: dl
      ? [
          field("1./2. Name", p.fullName.toUpperCase(), 280, 118, 550),
          field("3. Date of birth", formatDocumentDate(p.birthDate), 280, 178, 250),
          field("4c. Authority", `ROAD SAFETY AUTH. ${country}`, 560, 178, 270),
          ...dates(280, 238, "4a. Date of issue", "4b. Date of expiry"),
          field("5. Licence number", number, 280, 298, 550),
          field("9. Categories", categories.join(" / "), 280, 358, 360),
        ]
      : [
          field("Surname and given names / Nom et prénoms", p.fullName.toUpperCase(), 280, 118, 440),
          field("Document No. / N° du document", number, 280, 178, 420),
          field("Nationality / Nationalité", country, 280, 238, 220),
          field("Date of birth / Date de naissance", formatDocumentDate(p.birthDate), 560, 238, 270),
          ...dates(280, 298, "Date of issue / Délivrance", "Date of expiry / Expiration"),
        ],
    signatureLabel: dl ? "7." : "Signature / Signature",
    signatureX: dl ? 300 : 280,
    signatureLabelY: dl ? 426 : 362,
    signatureY: dl ? 396 : 366,
  });
}

const BRANDS = ["#0b6e4f", "#1d4e89", "#b5462c", "#6a3d9a", "#00727a", "#9b1d48", "#2f5d1e", "#c27c0e"];
const DAY = 86_400_000;
const money = (v: number) => v.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dayMonth = (d: Date) => `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]!.charAt(0)}${MONTHS[d.getUTCMonth()]!.slice(1).toLowerCase()}`;
const longDate = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The kind-specific part of a letter: its title, table (first row is the header) and notes. */
function letterBody(kind: ProofOfAddressImageInput["kind"], rand: Rng, start: Date, end: Date, due: string) {
  if (kind === "bank_statement") {
    let balance = rand.range(800, 4200);
    const rows = [["Date", "Description", "Paid out", "Paid in", "Balance"], [dayMonth(start), "Opening balance", "", "", money(balance)]];
    for (let i = 1; i <= 6; i++) {
      const payee = rand.pick(["Card payment SUPERMARKET", "Direct debit ELECTRICITY", "Card payment PHARMACY", "Transfer SAVINGS", "Card payment CAFE"]);
      const [out, inn] = i === 3 ? [0, rand.range(1800, 3200)] : [rand.range(6, 180), 0];
      balance += inn - out;
      rows.push([dayMonth(new Date(start.getTime() + ((end.getTime() - start.getTime()) * i) / 7)), inn ? "Salary ACME LTD" : payee, out ? money(out) : "", inn ? money(inn) : "", money(balance)]);
    }
    rows.push([dayMonth(end), "Closing balance", "", "", money(balance)]);
    return { title: "Account statement", columns: [80, 300, 100, 100, 100], rows, notes: ["Balances in EUR.", "Thank you for banking with us."], total: balance };
  }
  const lines: [string, string, number][] =
    kind === "utility_bill"
      ? [
          ["Standing charge", `${Math.round((end.getTime() - start.getTime()) / DAY) + 1} days`, rand.range(14, 19)],
          ["Energy - day rate", `${rand.int(140, 320)} kWh`, rand.range(40, 90)],
          ["Energy - night rate", `${rand.int(40, 140)} kWh`, rand.range(6, 22)],
          ["VAT 5%", "", 0],
        ]
      : [
          ["Residential services charge", `${start.getUTCFullYear()}/${(start.getUTCFullYear() + 1) % 100}`, rand.range(480, 980)],
          ["Waste collection", "", rand.range(90, 220)],
          ["Water and sewerage", "", rand.range(180, 420)],
          ["Discount (single occupant)", "", -rand.range(40, 120)],
        ];
  if (kind === "utility_bill") lines[3]![2] = lines.reduce((s, l) => s + l[2], 0) * 0.05;
  const total = lines.reduce((s, l) => s + l[2], 0);
  return {
    title: kind === "utility_bill" ? "Your electricity bill" : "Annual charges notice",
    columns: [380, 160, 140],
    rows: [["Description", kind === "utility_bill" ? "Quantity" : "Period", "Amount"], ...lines.map(([d, q, a]) => [d, q, money(a)]), ["Total due", "", money(total)]],
    notes: [`Amount due by ${due}.`, kind === "utility_bill" ? "Paid by direct debit on or after that date." : "Payable in 10 monthly instalments."],
    total,
    usage: kind === "utility_bill" ? Array.from({ length: 6 }, (_, i, h = rand.int(18, 44)) => ({ x: 480 + i * 42, h, y: 64 - h, month: dayMonth(new Date(Date.UTC(2025, end.getUTCMonth() - 5 + i, 1))).slice(3) })) : [],
  };
}

export function renderProofOfAddressImage(p: ProofOfAddressImageInput): Promise<Buffer> {
  const brand = BRANDS[hashString(p.issuer) % BRANDS.length]!;
  const rand = rng(p.seed * 331 + hashString(p.issuer + p.kind));
  const issued = isoDate(p.issuedAt) ?? new Date(Date.UTC(2025, 0, 15));
  const end = new Date(issued.getTime() - 5 * DAY);
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, end.getUTCDate() + 1));
  const body = letterBody(p.kind, rand, start, end, longDate(new Date(issued.getTime() + 14 * DAY)));
  const edges = body.columns.map((_, i) => 60 + body.columns.slice(0, i).reduce((s, w) => s + w, 0));
  const reference = `${rand.int(100000, 999999)}${rand.int(100000, 999999)}`;
  const bars = rng(hashString(reference));
  return renderTemplate("letter", {
    ...body,
    brand,
    issuer: p.issuer,
    issuerSize: fit(p.issuer, 300, 26),
    initials: p.issuer.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).slice(0, 2).map((w) => w[0]).join("") || "CO",
    domain: p.issuer.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "").slice(0, 18) || "issuer",
    tagline: { utility_bill: "Energy & water services", bank_statement: "Personal banking", other: "Resident services" }[p.kind],
    phone: `0800 ${rand.int(100, 999)} ${rand.int(1000, 9999)}`,
    fullName: p.fullName,
    firstName: p.fullName.split(/\s+/)[0],
    address: p.addressLines.slice(0, 5).map((line, i) => ({ line, y: 226 + i * 22 })),
    facts: [["Date", longDate(issued)], ["Account no.", `${rand.int(10, 99)}-${rand.int(1000, 9999)}-${rand.int(1000, 9999)}`], ["Period", `${dayMonth(start)} - ${dayMonth(end)}`], ["Page", "1 of 1"]].map(([k, v], i) => ({ k, v, y: 196 + i * 24 })),
    table: body.rows.map((cells, r) => ({
      y: 470 + r * 28,
      head: r === 0,
      stripe: r % 2 === 0 && r > 0,
      bold: r === body.rows.length - 1,
      cells: cells.map((text, c) => (c === 0 || body.columns.length === 5 && c === 1 ? { text, x: edges[c]! + 8 } : { text, x: edges[c]! + body.columns[c]! - 8, end: true })),
    })),
    tableEnd: 470 + body.rows.length * 28,
    notesY: 500 + body.rows.length * 28,
    reference,
    slip: p.kind === "bank_statement" ? ["Account summary", "Closing balance"] : ["Payment slip", "Amount"],
    amount: money(body.total),
    barcode: Array.from({ length: 70 }, () => ({ w: bars.int(1, 3), gap: bars.int(1, 3) })).reduce<{ x: number; w: number }[]>((a, b) => [...a, { x: (a.at(-1)?.x ?? 470) + (a.at(-1)?.w ?? 0) + b.gap, w: b.w }], []).filter((b) => b.x + b.w < 740),
  });
}

const WALLS = ["#d9d2c5", "#c9d4d9", "#e3d9cf", "#c7c1b8", "#d4dccf", "#bfc6cf"];

export function renderSelfieImage(p: { seed: number }): Promise<Buffer> {
  const rand = rng(p.seed * 613 + 5);
  const frameX = rand.chance(0.5) ? rand.range(-40, 60) : rand.range(330, 420);
  return renderTemplate("selfie", {
    ...faceFeatures(p.seed),
    overflow: "visible",
    wall: rand.pick(WALLS),
    light: rand.range(-0.6, 0.6).toFixed(2),
    window: rand.chance(0.5),
    frameX: frameX.toFixed(0),
    pictureX: (420 - frameX * 0.5 - 120).toFixed(0),
    lampX: rand.range(60, 420).toFixed(0),
    lampY: rand.range(40, 160).toFixed(0),
    // Slightly off-centre, as in a hand-held selfie.
    personX: (40 + rand.range(-24, 24)).toFixed(0),
  });
}
