/**
 * Builds a TD3 (passport) MRZ with correct check digits, for demo data and tests. Real
 * passports are never built here; they are parsed in mrz.ts.
 */
import { alpha2ToAlpha3 } from "@/lib/items/countries";
import { mrzCheckDigit, toMrzName } from "./mrz-text";

export interface PassportMrzInput {
  documentNumber: string;
  /** ISO alpha-2 ("GB") or an MRZ code ("GBR", "D", "UTO"). */
  issuingCountry: string;
  /** Defaults to the issuing country. */
  nationality?: string;
  lastName: string;
  firstName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** YYYY-MM-DD */
  expirationDate: string;
  sex?: "M" | "F" | "X";
  personalNumber?: string;
}

function mrzCountry(code: string): string {
  const upper = code.toUpperCase();
  const alpha3 = upper.length === 2 ? alpha2ToAlpha3(upper) : upper;
  if (!alpha3 || !/^[A-Z]{1,3}$/.test(alpha3)) throw new RangeError(`Not a country code: ${code}`);
  return alpha3.padEnd(3, "<");
}

function mrzDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

function field(value: string, length: number, what: string): string {
  const text = value.toUpperCase().replace(/[\s-]/g, "");
  if (!/^[A-Z0-9]*$/.test(text) || text.length > length) {
    throw new RangeError(`${what} must be at most ${length} letters or digits: ${value}`);
  }
  return text.padEnd(length, "<");
}

/** Two 44-character lines joined by "\n". */
export function buildPassportMrz(p: PassportMrzInput): string {
  const names = `${toMrzName(p.lastName)}<<${toMrzName(p.firstName)}`.slice(0, 39).padEnd(39, "<");
  const line1 = `P<${mrzCountry(p.issuingCountry)}${names}`;

  const number = field(p.documentNumber, 9, "Document number");
  const birth = mrzDate(p.birthDate);
  const expiry = mrzDate(p.expirationDate);
  const personal = field(p.personalNumber ?? "", 14, "Personal number");
  // ICAO allows "<" as the check digit of an unused personal number field.
  const personalCheck = /^<+$/.test(personal) ? "<" : mrzCheckDigit(personal);
  const sex = p.sex === "M" || p.sex === "F" ? p.sex : "<";

  const numberPart = number + mrzCheckDigit(number);
  const birthPart = birth + mrzCheckDigit(birth);
  const expiryPart = expiry + mrzCheckDigit(expiry) + personal + personalCheck;
  const composite = mrzCheckDigit(numberPart + birthPart + expiryPart);
  const line2 = `${numberPart}${mrzCountry(p.nationality ?? p.issuingCountry)}${birthPart}${sex}${expiryPart}${composite}`;
  return `${line1}\n${line2}`;
}
