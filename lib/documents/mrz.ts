/**
 * Passport MRZ (TD3) checks for SPEC §3: the two lines are parsed with the `mrz`
 * package, every check digit must hold, and the result must agree with what the user
 * typed. Problems are sentences of the `validation` catalogue: the person reads them in their
 * language (in the browser too, so this imports no catalogue); reviewers' findings use inEnglish.
 */
import { parse, type Details, type FieldName } from "mrz";
import type { Translatable } from "@/lib/http/errors";
import { validation, type ValidationKey } from "@/lib/i18n/field-messages";
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
  errors: Translatable[];
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

const FIELD_MESSAGES: Partial<Record<FieldName, ValidationKey>> = {
  documentCode: "mrzNotPassport",
  lastName: "mrzNameLetters",
  firstName: "mrzNameLetters",
  documentNumberCheckDigit: "mrzNumberCheckDigit",
  birthDate: "mrzBirthDateInvalid",
  birthDateCheckDigit: "mrzBirthDateCheckDigit",
  sex: "mrzSexInvalid",
  expirationDate: "mrzExpiryInvalid",
  expirationDateCheckDigit: "mrzExpiryCheckDigit",
  personalNumberCheckDigit: "mrzPersonalNumberCheckDigit",
  compositeCheckDigit: "mrzCompositeCheckDigit",
};

function invalid(error: Translatable): ParsedMrz {
  return { valid: false, errors: [error], fields: { ...EMPTY_FIELDS } };
}

/** Tolerates lower case, spaces and any line breaks; an 88-character paste is split in two. */
function toLines(input: string): string[] | Translatable {
  let lines = input
    .toUpperCase()
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/\s+/g, ""))
    .filter((l) => l.length > 0);
  if (lines.length === 1 && lines[0]?.length === 88) lines = [lines[0].slice(0, 44), lines[0].slice(44)];
  if (lines.length !== 2) return validation("mrzLineCount");
  for (const [i, line] of lines.entries()) {
    const bad = [...new Set(line.replace(/[A-Z0-9<]/g, ""))].join(" ");
    if (bad) return validation("mrzBadCharacters", { line: i + 1, characters: bad });
    if (line.length !== 44) return validation("mrzLineLength", { line: i + 1, length: line.length });
  }
  return lines;
}

/**
 * YYMMDD → YYYY-MM-DD. Birth dates are in the past (a future 20YY means 19YY); expiry
 * dates lie within 50 years of today in either direction.
 */
function mrzDate(yymmdd: string, kind: "birth" | "expiry", today: string): string {
  const yy = Number(yymmdd.slice(0, 2));
  const rest = `-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  let year = 2000 + yy;
  if (kind === "birth" && `${year}${rest}` > today) year -= 100;
  if (kind === "expiry" && year > Number(today.slice(0, 4)) + 50) year -= 100;
  return `${year}${rest}`;
}

/** `today` decides the century of two-digit years. */
export function parsePassportMrz(input: string, today: Date = new Date()): ParsedMrz {
  const lines = toLines(input);
  if (!Array.isArray(lines)) return invalid(lines);
  const [line1 = "", line2 = ""] = lines;

  let details: Details[];
  let raw: Partial<Record<FieldName, string | null>>;
  try {
    const result = parse(lines);
    details = result.details;
    raw = result.fields;
  } catch {
    // The library throws only on shapes toLines already rules out; keep the promise of never throwing.
    return invalid(validation("mrzUnreadable"));
  }

  const issuing = line1.slice(2, 5).replace(/</g, "");
  const nationality = line2.slice(10, 13).replace(/</g, "");
  const errors: Translatable[] = [];
  for (const d of details) {
    if (d.valid || !d.field) continue;
    if (d.field === "issuingState") {
      if (issuing !== SPECIMEN_STATE) errors.push(validation("mrzIssuingCountryUnknown", { code: issuing }));
    } else if (d.field === "nationality") {
      if (nationality !== SPECIMEN_STATE) errors.push(validation("mrzNationalityUnknown", { code: nationality }));
    } else {
      const key = FIELD_MESSAGES[d.field];
      // A TD3 field without a sentence of its own is named as the library labels it.
      errors.push(key ? validation(key) : validation("mrzFieldInvalid", { field: d.label }));
    }
  }

  // Unknown day or month ("<<") is legal in an MRZ; it only means we cannot compare it.
  const todayIso = isoDateOf(today);
  const dateOf = (value: string | null | undefined, kind: "birth" | "expiry"): string | null => {
    if (!value || value.includes("<")) return null;
    const iso = mrzDate(value, kind, todayIso);
    if (parseIsoDate(iso)) return iso;
    errors.push(validation(kind === "birth" ? "mrzBirthDateNotReal" : "mrzExpiryNotReal", { date: iso }));
    return null;
  };

  const fields: MrzFields = {
    documentNumber: raw.documentNumber ?? null,
    issuingCountry: issuing || null,
    nationality: nationality || null,
    birthDate: dateOf(raw.birthDate, "birth"),
    expirationDate: dateOf(raw.expirationDate, "expiry"),
    sex: raw.sex ?? null,
    lastName: raw.lastName ?? null,
    firstName: raw.firstName ?? null,
  };
  // A name not in MRZ letters fails as last and as first name: each sentence is said once.
  const unique = [...new Map(errors.map((error) => [JSON.stringify(error), error])).values()];
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

/** A typed field against the MRZ's: `mismatch` names both, `unreadable` says the MRZ gave nothing. */
function differs(keys: { mismatch: ValidationKey; unreadable: ValidationKey }, typed: string, mrz: string | null): Translatable {
  return mrz === null ? validation(keys.unreadable, { typed }) : validation(keys.mismatch, { typed, mrz });
}

/** Mismatches between the MRZ and the typed fields, one sentence each; empty when they agree. */
export function compareMrzWithTyped(mrz: MrzFields, typed: TypedPassportFields): Translatable[] {
  const problems: Translatable[] = [];

  const typedNumber = typed.number.replace(/[\s-]/g, "").toUpperCase();
  if (mrz.documentNumber === null || typedNumber !== mrz.documentNumber.replace(/[<\s]/g, "")) {
    problems.push(differs({ mismatch: "mrzNumberMismatch", unreadable: "mrzNumberUnreadable" }, typedNumber, mrz.documentNumber));
  }

  const typedCountry = typed.country.toUpperCase();
  const mrzCountry = mrz.issuingCountry ? mrzCountryToAlpha2(mrz.issuingCountry) : null;
  if (mrzCountry !== typedCountry) {
    problems.push(differs({ mismatch: "mrzCountryMismatch", unreadable: "mrzCountryUnreadable" }, typedCountry, mrz.issuingCountry));
  }

  if (mrz.expirationDate !== typed.expires_at) {
    problems.push(differs({ mismatch: "mrzExpiryMismatch", unreadable: "mrzExpiryUnreadable" }, typed.expires_at, mrz.expirationDate));
  }

  if (typed.date_of_birth !== undefined && mrz.birthDate !== typed.date_of_birth) {
    problems.push(differs({ mismatch: "mrzBirthDateMismatch", unreadable: "mrzBirthDateUnreadable" }, typed.date_of_birth, mrz.birthDate));
  }

  if (typed.last_name !== undefined && !nameMatches(mrz, "lastName", typed.last_name)) {
    problems.push(differs({ mismatch: "mrzLastNameMismatch", unreadable: "mrzLastNameUnreadable" }, typed.last_name, mrz.lastName));
  }

  if (typed.first_name !== undefined && !nameMatches(mrz, "firstName", typed.first_name)) {
    problems.push(differs({ mismatch: "mrzFirstNameMismatch", unreadable: "mrzFirstNameUnreadable" }, typed.first_name, mrz.firstName));
  }

  return problems;
}
