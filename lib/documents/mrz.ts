/**
 * Passport MRZ (TD3) checks for SPEC §3: the two lines are parsed with the `mrz`
 * package, every check digit must hold, and the result must agree with what the user
 * typed. Messages are plain words because users and reviewers read them.
 */
import { parse, type Details, type FieldName } from "mrz";
import { mrzCountryToAlpha2 } from "@/lib/items/countries";
import { isoDateOf, parseIsoDate } from "@/lib/items/dates";
import { mrzNameKeys } from "./mrz-text";

export { buildPassportMrz, type PassportMrzInput } from "./mrz-build";

export interface MrzFields {
  documentNumber: string | null;
  /** As written in the MRZ: ISO alpha-3 or an ICAO code such as "D" or "UTO". */
  issuingCountry: string | null;
  nationality: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  /** YYYY-MM-DD */
  expirationDate: string | null;
  /** "male" | "female" | "nonspecified" */
  sex: string | null;
  lastName: string | null;
  firstName: string | null;
}

export interface ParsedMrz {
  valid: boolean;
  errors: string[];
  fields: MrzFields;
}

const EMPTY_FIELDS: MrzFields = {
  documentNumber: null,
  issuingCountry: null,
  nationality: null,
  birthDate: null,
  expirationDate: null,
  sex: null,
  lastName: null,
  firstName: null,
};

// "Utopia": ICAO 9303's fictional state, used by its specimens. Accepting it here is
// harmless: compareMrzWithTyped reports it, since no typed ISO country can equal it.
const SPECIMEN_STATE = "UTO";

const FIELD_MESSAGES: Partial<Record<FieldName, string>> = {
  documentCode: "Line 1 must start with P: this is not a passport's machine-readable zone",
  lastName: "The name in line 1 is not written in MRZ letters",
  firstName: "The name in line 1 is not written in MRZ letters",
  documentNumberCheckDigit: "The passport number check digit does not match the passport number",
  birthDate: "The date of birth in the MRZ is not a valid date",
  birthDateCheckDigit: "The date of birth check digit does not match the date of birth",
  sex: "The sex in the MRZ must be M, F or <",
  expirationDate: "The expiry date in the MRZ is not a valid date",
  expirationDateCheckDigit: "The expiry date check digit does not match the expiry date",
  personalNumberCheckDigit: "The personal number check digit does not match the personal number",
  compositeCheckDigit: "The final check digit of line 2 does not match the rest of the line",
};

function invalid(error: string): ParsedMrz {
  return { valid: false, errors: [error], fields: { ...EMPTY_FIELDS } };
}

/** Tolerates lower case, spaces and any line breaks; an 88-character paste is split in two. */
function toLines(input: string): string[] | string {
  let lines = input
    .toUpperCase()
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/\s+/g, ""))
    .filter((l) => l.length > 0);
  if (lines.length === 1 && lines[0]?.length === 88) lines = [lines[0].slice(0, 44), lines[0].slice(44)];
  if (lines.length !== 2) return "Enter the two lines of the machine-readable zone, 44 characters each";
  for (const [i, line] of lines.entries()) {
    const bad = [...new Set(line.replace(/[A-Z0-9<]/g, ""))].join(" ");
    if (bad) return `Line ${i + 1} contains characters that cannot appear in an MRZ: ${bad}`;
    if (line.length !== 44) return `Line ${i + 1} has ${line.length} characters; it must have 44`;
  }
  return lines;
}

/**
 * YYMMDD → YYYY-MM-DD. Birth dates are in the past (a future 20YY means 19YY); expiry
 * dates lie within 50 years of today in either direction.
 */
function mrzDate(yymmdd: string, kind: "birth" | "expiry", today: string): string | null {
  const yy = Number(yymmdd.slice(0, 2));
  const rest = `-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  let year = 2000 + yy;
  if (kind === "birth" && `${year}${rest}` > today) year -= 100;
  if (kind === "expiry" && year > Number(today.slice(0, 4)) + 50) year -= 100;
  return `${year}${rest}`;
}

function countryError(label: string, code: string): string {
  return `The ${label} code "${code}" in the MRZ is not a known country code`;
}

/** `today` decides the century of two-digit years. */
export function parsePassportMrz(input: string, today: Date = new Date()): ParsedMrz {
  const lines = toLines(input);
  if (typeof lines === "string") return invalid(lines);
  const [line1 = "", line2 = ""] = lines;

  let details: Details[];
  let raw: Partial<Record<FieldName, string | null>>;
  try {
    const result = parse(lines);
    details = result.details;
    raw = result.fields;
  } catch (error) {
    // The library throws only on shapes toLines already rules out; keep the promise of never throwing.
    return invalid(`The machine-readable zone could not be read (${(error as Error).message})`);
  }

  const issuing = line1.slice(2, 5).replace(/</g, "");
  const nationality = line2.slice(10, 13).replace(/</g, "");
  const errors: string[] = [];
  for (const d of details) {
    if (d.valid || !d.field) continue;
    if (d.field === "issuingState") {
      if (issuing !== SPECIMEN_STATE) errors.push(countryError("issuing country", issuing));
    } else if (d.field === "nationality") {
      if (nationality !== SPECIMEN_STATE) errors.push(countryError("nationality", nationality));
    } else {
      errors.push(FIELD_MESSAGES[d.field] ?? `${d.label}: ${d.error ?? "invalid"}`);
    }
  }

  // Unknown day or month ("<<") is legal in an MRZ; it only means we cannot compare it.
  const todayIso = isoDateOf(today);
  const dateOf = (value: string | null | undefined, kind: "birth" | "expiry", label: string): string | null => {
    if (!value || value.includes("<")) return null;
    const iso = mrzDate(value, kind, todayIso);
    if (iso && parseIsoDate(iso)) return iso;
    errors.push(`The ${label} in the MRZ (${iso}) is not a real date`);
    return null;
  };

  const fields: MrzFields = {
    documentNumber: raw.documentNumber ?? null,
    issuingCountry: issuing || null,
    nationality: nationality || null,
    birthDate: dateOf(raw.birthDate, "birth", "date of birth"),
    expirationDate: dateOf(raw.expirationDate, "expiry", "expiry date"),
    sex: raw.sex ?? null,
    lastName: raw.lastName ?? null,
    firstName: raw.firstName ?? null,
  };
  const unique = [...new Set(errors)];
  return { valid: unique.length === 0, errors: unique, fields };
}

/** What the passport form fills from a valid MRZ: its own fields, as the form spells them ("" where the MRZ gave nothing). */
export type MrzFill = { number: string; country: string; expires_at: string };

/** The one MRZ → form mapping, whether the zone was typed, pasted or read off the photo page. */
export function mrzFormFill(fields: MrzFields): MrzFill {
  return {
    number: fields.documentNumber?.replace(/</g, "") ?? "",
    country: (fields.issuingCountry && mrzCountryToAlpha2(fields.issuingCountry)) ?? "",
    expires_at: fields.expirationDate ?? "",
  };
}

export interface TypedPassportFields {
  number: string;
  /** ISO alpha-2 */
  country: string;
  /** YYYY-MM-DD */
  expires_at: string;
  date_of_birth?: string;
  last_name?: string;
  first_name?: string;
}

// The MRZ name field holds 39 characters; longer names are cut off, so only a prefix can be compared.
const MRZ_NAME_CAPACITY = 39;

/** Either part of the name; a cut-off name field can only be compared up to where it stops. */
function nameMatches(mrz: MrzFields, part: "lastName" | "firstName", typed: string): boolean {
  const mrzKey = (mrz[part] ?? "").replace(/[^A-Z]/g, "");
  const used = (mrz.lastName ?? "").length + 2 + (mrz.firstName ?? "").length;
  const truncated = used >= MRZ_NAME_CAPACITY - 1;
  return mrzNameKeys(typed).some((key) => key === mrzKey || (truncated && mrzKey.length > 0 && key.startsWith(mrzKey)));
}

/** Mismatches between the MRZ and the typed fields, as sentences; empty when they agree. */
export function compareMrzWithTyped(mrz: MrzFields, typed: TypedPassportFields): string[] {
  const problems: string[] = [];

  const typedNumber = typed.number.replace(/[\s-]/g, "").toUpperCase();
  if (mrz.documentNumber === null) {
    problems.push("The passport number could not be read from the MRZ");
  } else if (typedNumber !== mrz.documentNumber.replace(/[<\s]/g, "")) {
    problems.push(`The passport number you typed (${typedNumber}) does not match the MRZ (${mrz.documentNumber})`);
  }

  const typedCountry = typed.country.toUpperCase();
  const mrzCountry = mrz.issuingCountry ? mrzCountryToAlpha2(mrz.issuingCountry) : null;
  if (mrzCountry !== typedCountry) {
    problems.push(
      `The issuing country you chose (${typedCountry}) does not match the MRZ (${mrz.issuingCountry ?? "unreadable"})`,
    );
  }

  if (mrz.expirationDate !== typed.expires_at) {
    problems.push(
      `The expiry date you typed (${typed.expires_at}) does not match the MRZ (${mrz.expirationDate ?? "unreadable"})`,
    );
  }

  if (typed.date_of_birth !== undefined && mrz.birthDate !== typed.date_of_birth) {
    problems.push(
      `The date of birth (${typed.date_of_birth}) does not match the MRZ (${mrz.birthDate ?? "unreadable"})`,
    );
  }

  if (typed.last_name !== undefined && !nameMatches(mrz, "lastName", typed.last_name)) {
    problems.push(`The last name (${typed.last_name}) does not match the MRZ (${mrz.lastName ?? "unreadable"})`);
  }

  if (typed.first_name !== undefined && !nameMatches(mrz, "firstName", typed.first_name)) {
    problems.push(`The first name (${typed.first_name}) does not match the MRZ (${mrz.firstName ?? "unreadable"})`);
  }

  return problems;
}
