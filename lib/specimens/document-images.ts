/**
 * Specimen document images: passport data page, identity card / driving licence,
 * proof-of-address letter and a selfie, for the demo data set, the automated checks' test set
 * and the browser tests' uploads. The layout lives in SVG templates (./templates);
 * this module only works out what to print. Same input, same PNG bytes.
 *
 * Every document carries a "SPECIMEN" mark so an image can never pass for a real document.
 */
import { toSVG } from "bwip-js/node";

import { faceFeatures } from "./face";
import { hashString, rng, type Rng } from "./random";
import { renderTemplate } from "./svg-render";

/** `nationality` is the ISO 3166-1 alpha-3 code of the issuing state; `mrz` the two 44-character TD3 lines. */
export type PassportImageInput = { lastName: string; firstNames: string; nationality: string; birthDate: string; sex: "F" | "M" | "X"; number: string; issuedAt: string; expiresAt: string; mrz: [string, string]; seed: number };
export type IdCardImageInput = { kind: "national_id" | "driver_license"; fullName: string; number: string; country: string; birthDate: string; issuedAt: string; expiresAt: string; seed: number };
export type ProofOfAddressImageInput = { kind: "utility_bill" | "bank_statement" | "other"; fullName: string; addressLines: string[]; issuedAt: string; issuer: string; seed: number };

export const PASSPORT_SIZE = { width: 880, height: 620 } as const;
export const ID_CARD_SIZE = { width: 860, height: 540 } as const;
export const PROOF_OF_ADDRESS_SIZE = { width: 800, height: 1000 } as const;
export const SELFIE_SIZE = { width: 480, height: 640 } as const;

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY = 86_400_000;

function isoDate(s: string): Date | null {
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim())?.map(Number) ?? [];
  const date = new Date(Date.UTC(y!, m! - 1, d));
  return d && date.getUTCDate() === d ? date : null;
}

/** "1990-04-12" → "12 APR 1990" (document style); anything else is shown as given, upper-cased. */
export function formatDocumentDate(s: string): string {
  const d = isoDate(s);
  return d ? `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : s.toUpperCase();
}

const dayMonth = (d: Date) => `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]!.charAt(0)}${MONTHS[d.getUTCMonth()]!.slice(1).toLowerCase()}`;
const longDate = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const money = (v: number) => v.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Font size (px) at which `text` fits `width`: Geist capitals average about 0.64 em. */
const fit = (text: string, width: number, size = 20) => Math.max(8, Math.min(size, width / (0.64 * text.length))).toFixed(1);

/** The document's security print (guilloche wave), its holder's face and signature scribble. */
function security(rand: Rng, name: string, seed: number) {
  const [l, a] = [rand.int(5, 8) * 16, rand.range(7, 10).toFixed(1)];
  const s = rng(seed * 31 + hashString(name));
  const [loops, f2, p1, p2] = [s.range(5, 8), s.range(3.5, 6), s.range(0, 6.28), s.range(0, 6.28)];
  const scribble = Array.from({ length: 121 }, (_, i) => i / 120).map((t) => {
    const x = 9 + 180 * t + 8 * Math.sin(2 * Math.PI * loops * t + p1);
    const y = 28 + 18 * (0.55 + 0.45 * Math.sin(Math.PI * t)) * Math.sin(2 * Math.PI * f2 * t + p2) - 6 * t;
    return `${x.toFixed(1)} ${y.toFixed(1)}`;
  });
  const wave = `M0 7c${l * 0.18} -${a} ${l * 0.32} -${a} ${l * 0.5} 0s${l * 0.32} ${a} ${l * 0.5} 0`;
  return { ...faceFeatures(seed), lambda: l, half: l / 2, wave, signature: `M${scribble.join("L")}M20 48Q110 44 205 38` };
}

const COVERS = ["#6d1a2b", "#1d2f5a", "#1f4b3b", "#2b2b30", "#243f73", "#5a1f3c"];

export function renderPassportImage(p: PassportImageInput): Promise<Buffer> {
  const nationality = p.nationality.toUpperCase();
  const cover = COVERS[hashString(nationality) % COVERS.length]!;
  const [lastName, firstNames] = [p.lastName.toUpperCase(), p.firstNames.toUpperCase()];
  return renderTemplate("passport", {
    ...security(rng(p.seed * 101 + hashString(nationality)), `${p.firstNames} ${p.lastName}`, p.seed),
    ...{ guilloche: cover, label: "#4d5a66", photoBg: "#c3ccd6", cover, nationality, sex: p.sex, number: p.number.toUpperCase() },
    ...{ lastName, lastNameSize: fit(lastName, 540), firstNames, firstNamesSize: fit(firstNames, 540) },
    ...{ birthDate: formatDocumentDate(p.birthDate), issuedAt: formatDocumentDate(p.issuedAt), expiresAt: formatDocumentDate(p.expiresAt) },
    mrz: p.mrz.map((line) => line.toUpperCase()),
  });
}

export function renderIdCardImage(p: IdCardImageInput): Promise<Buffer> {
  const dl = p.kind === "driver_license";
  const [country, name] = [p.country.toUpperCase(), p.fullName.toUpperCase()];
  const rand = rng(p.seed * 211 + hashString(country) + (dl ? 7 : 0));
  return renderTemplate("id-card", {
    ...security(rand, p.fullName, p.seed),
    ...(dl
      ? { accent: "#a3213a", tint0: "#f7dfe4", tint1: "#fcefd6", guilloche: "#a3213a", label: "#6d4b55", photoBg: "#d2cdc8", code: "DL" }
      : { accent: "#1f4e79", tint0: "#d9e9f1", tint1: "#ece2f1", guilloche: "#1f4e79", label: "#46586b", photoBg: "#c3ccd6", code: "ID" }),
    ...{ dl, country, name, nameSize: fit(name, dl ? 550 : 440), number: p.number.toUpperCase(), can: rand.int(100000, 999999) },
    ...{ birthDate: formatDocumentDate(p.birthDate), issuedAt: formatDocumentDate(p.issuedAt), expiresAt: formatDocumentDate(p.expiresAt) },
    categories: ["AM", "A1", "B", ...(rand.chance(0.4) ? ["BE"] : []), ...(rand.chance(0.2) ? ["C1"] : [])].join(" / "),
    stars: Array.from({ length: 12 }, (_, i) => ({ x: (62 + 22 * Math.cos((i * Math.PI) / 6)).toFixed(1), y: (46 + 17 * Math.sin((i * Math.PI) / 6)).toFixed(1) })),
  });
}

const BRANDS = ["#0b6e4f", "#1d4e89", "#b5462c", "#6a3d9a", "#00727a", "#9b1d48", "#2f5d1e", "#c27c0e"];
const PAYEES = ["Card payment SUPERMARKET", "Direct debit ELECTRICITY", "Card payment PHARMACY", "Transfer SAVINGS", "Card payment CAFE"];
const CHARGES = { other: ["Residential services charge", "Waste collection", "Water and sewerage", "Discount (single occupant)"], utility_bill: ["Standing charge", "Energy - day rate", "Energy - night rate", "VAT 5%"] };

/** The table of a letter (without its total line) and its total, for the period start…end. */
function letterRows(kind: ProofOfAddressImageInput["kind"], rand: Rng, start: Date, end: Date): { rows: string[][]; total: number } {
  if (kind === "bank_statement") {
    let balance = rand.range(800, 4200);
    const rows = [[dayMonth(start), "Opening balance", "", "", money(balance)]];
    for (let i = 1; i <= 6; i++) {
      const amount = i === 3 ? rand.range(1800, 3200) : -rand.range(6, 180);
      balance += amount;
      const day = dayMonth(new Date(start.getTime() + ((end.getTime() - start.getTime()) * i) / 7));
      rows.push([day, amount > 0 ? "Salary ACME LTD" : rand.pick(PAYEES), amount < 0 ? money(-amount) : "", amount > 0 ? money(amount) : "", money(balance)]);
    }
    return { rows, total: balance };
  }
  const year = start.getUTCFullYear();
  const details = kind === "utility_bill" ? [`${Math.round((end.getTime() - start.getTime()) / DAY) + 1} days`, `${rand.int(140, 320)} kWh`, `${rand.int(40, 140)} kWh`, ""] : [`${year}/${(year + 1) % 100}`, "", "", ""];
  const amounts = kind === "utility_bill" ? [rand.range(14, 19), rand.range(40, 90), rand.range(6, 22)] : [rand.range(480, 980), rand.range(90, 220), rand.range(180, 420), -rand.range(40, 120)];
  if (kind === "utility_bill") amounts.push(amounts.reduce((s, v) => s + v) * 0.05);
  return { rows: CHARGES[kind].map((label, i) => [label, details[i]!, money(amounts[i]!)]), total: amounts.reduce((s, v) => s + v) };
}

export function renderProofOfAddressImage(p: ProofOfAddressImageInput): Promise<Buffer> {
  const rand = rng(p.seed * 331 + hashString(p.issuer + p.kind));
  const issued = isoDate(p.issuedAt) ?? new Date(Date.UTC(2025, 0, 15));
  const end = new Date(issued.getTime() - 5 * DAY);
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, end.getUTCDate() + 1));
  const { rows, total } = letterRows(p.kind, rand, start, end);
  const reference = `${rand.int(100000, 999999)}${rand.int(100000, 999999)}`;
  const totalY = 498 + rows.length * 28;
  return renderTemplate("letter", {
    ...{ [p.kind === "utility_bill" ? "utility" : p.kind === "bank_statement" ? "bank" : "other"]: true, brand: BRANDS[hashString(p.issuer) % BRANDS.length] },
    ...{ issuer: p.issuer, issuerSize: fit(p.issuer, 300, 26), fullName: p.fullName, firstName: p.fullName.split(/\s+/)[0] },
    initials: p.issuer.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).slice(0, 2).map((w) => w[0]).join("") || "CO",
    domain: p.issuer.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "").slice(0, 18) || "issuer",
    phone: `0800 ${rand.int(100, 999)} ${rand.int(1000, 9999)}`,
    address: p.addressLines.slice(0, 5).map((line, i) => ({ line, y: 226 + i * 22 })),
    facts: [["Date", longDate(issued)], ["Account no.", `${rand.int(10, 99)}-${rand.int(1000, 9999)}-${rand.int(1000, 9999)}`], ["Period", `${dayMonth(start)} - ${dayMonth(end)}`], ["Page", "1 of 1"]].map(([k, v], i) => ({ k, v, y: 196 + i * 24 })),
    rows: rows.map((c, i) => ({ c, y: 498 + i * 28, stripe: i % 2 === 1 })),
    ...{ total: money(total), totalY, endY: totalY + 28, notesY: totalY + 58, closing: dayMonth(end), due: longDate(new Date(issued.getTime() + 14 * DAY)), reference },
    usage: Array.from({ length: 6 }, () => rand.int(18, 44)).map((h, i) => ({ x: 480 + i * 42, y: 64 - h, h, month: dayMonth(new Date(Date.UTC(2025, end.getUTCMonth() - 5 + i, 1))).slice(3) })),
    barcode: toSVG({ bcid: "code128", text: reference, height: 12 }).replace("<svg ", '<svg x="470" y="840" width="270" height="64" preserveAspectRatio="none" '),
  });
}

/** A hand-held selfie of the seed's person in an out-of-focus room. */
export function renderSelfieImage(p: { seed: number }): Promise<Buffer> {
  const rand = rng(p.seed * 613 + 5);
  const frameX = rand.chance(0.5) ? rand.range(-40, 60) : rand.range(330, 420);
  return renderTemplate("selfie", {
    ...{ ...faceFeatures(p.seed), overflow: "visible", wall: rand.pick(["#d9d2c5", "#c9d4d9", "#e3d9cf", "#c7c1b8", "#d4dccf", "#bfc6cf"]), light: rand.range(-0.6, 0.6).toFixed(2), window: rand.chance(0.5) },
    ...{ frameX: frameX.toFixed(0), pictureX: (300 - frameX / 2).toFixed(0), lampX: rand.int(60, 420), lampY: rand.int(40, 160), personX: rand.int(-8, 38) },
  });
}
