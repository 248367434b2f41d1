/**
 * Masked previews (SPEC §5): enough for the user to recognise their own data on the
 * consent page, not enough for someone looking over their shoulder to copy it, in the
 * person's words and date format. Unknown shapes never fall back to printing the value.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { formatterFor, translatorFor } from "@/lib/i18n/messages";

import { countryNameIn } from "./country-names";
import { parseIsoDate } from "./dates";
import { PROOF_OF_ADDRESS_TYPES } from "./document-values";
import type { Item } from "./items";

const VISIBLE_DOCUMENT_CHARS = 4;

/** "L898902C3" → "*****02C3". Short values keep at least one masked character. */
export function maskDocumentNumber(n: string): string {
  if (n.length <= 1) return "*".repeat(n.length);
  const visible = Math.min(VISIBLE_DOCUMENT_CHARS, n.length - 1);
  return "*".repeat(n.length - visible) + n.slice(-visible);
}

/** "alice@example.com" → "a***e@example.com"; always three stars so the length is not revealed. */
export function maskEmail(e: string): string {
  const at = e.lastIndexOf("@");
  const local = at < 0 ? e : e.slice(0, at);
  const domain = at < 0 ? "" : e.slice(at);
  const chars = [...local];
  let masked: string;
  if (chars.length <= 1) masked = "***";
  else if (chars.length === 2) masked = `${chars[0]}***`;
  else masked = `${chars[0]}***${chars[chars.length - 1]}`;
  return masked + domain;
}

/** "+442079460958" → "+44 ••• ••• 0958". Short national numbers show fewer digits. */
export function maskPhone(p: string): string {
  const parsed = parsePhoneNumberFromString(p);
  const national = parsed ? String(parsed.nationalNumber) : p.replace(/\D/g, "");
  const shown = national.length >= 8 ? 4 : national.length >= 6 ? 3 : 2;
  // At least one digit stays hidden, however short the number.
  const count = Math.min(shown, national.length - 1);
  const tail = count > 0 ? national.slice(-count) : "";
  return `${parsed ? `+${parsed.countryCallingCode} ` : ""}••• ••• ${tail}`.trimEnd();
}

/**
 * "1990-04-12" → "19••-••-12" in the order and separators of `locale` ("12.••.19••" in German):
 * the decade and the month stay hidden, only the century and the day show.
 */
function maskDate(d: string, locale: Locale): string {
  if (!parseIsoDate(d)) return "••••-••-••";
  const parts = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).formatToParts(new Date(`${d}T00:00:00Z`));
  const shown: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = { year: `${d.slice(0, 2)}••`, month: "••", day: d.slice(8) };
  return parts.map((part) => shown[part.type] ?? (part.type === "literal" ? part.value : "")).join("");
}

/** A calendar day ("2032-04-15") in the words of `locale`; anything else as it is, never more than was stored. */
function dayIn(iso: string, locale: Locale): string {
  return parseIsoDate(iso) ? formatterFor(locale, "UTC").dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium" }) : iso;
}

const nameShape = z.object({ first_name: z.string().min(1), last_name: z.string().min(1) });
const addressShape = z.object({ city: z.string().min(1), country: z.string() });
const documentShape = z.object({ number: z.string(), expires_at: z.string().optional() });
const proofShape = z.object({ type: z.string(), issued_at: z.string() });
const livenessShape = z.object({ verified_at: z.string() });
const amlShape = z.object({ status: z.enum(["clear", "hit"]), checked_at: z.string() });

const isProofType = (type: string): type is (typeof PROOF_OF_ADDRESS_TYPES)[number] => (PROOF_OF_ADDRESS_TYPES as readonly string[]).includes(type);

/** What the person sees of a stored value, in their language. A value without the expected shape shows as "Provided", never echoed. */
export function previewItem(item: Item, value: unknown, locale: Locale): string {
  const t = translatorFor(locale);
  const provided = t("preview.provided");
  if (value === null || value === undefined || value === "") return t("preview.notProvided");
  switch (item) {
    case "name": {
      const v = nameShape.safeParse(value);
      return v.success ? `${[...v.data.first_name][0]}. ${v.data.last_name}` : provided;
    }
    case "email":
      return typeof value === "string" ? maskEmail(value) : provided;
    case "phone":
      return typeof value === "string" ? maskPhone(value) : provided;
    case "date_of_birth":
      return typeof value === "string" ? maskDate(value, locale) : provided;
    case "nationality":
      return typeof value === "string" ? countryNameIn(value, locale) : provided;
    case "address": {
      const v = addressShape.safeParse(value);
      return v.success ? `${v.data.city}, ${countryNameIn(v.data.country, locale)}` : provided;
    }
    case "id_card":
    case "passport":
    case "driver_license": {
      const v = documentShape.safeParse(value);
      if (!v.success) return provided;
      const shown = { document: t(`items.${item}.label`), number: maskDocumentNumber(v.data.number) };
      return v.data.expires_at ? t("preview.document", { ...shown, date: dayIn(v.data.expires_at, locale) }) : t("preview.documentNoExpiry", shown);
    }
    case "proof_of_address": {
      const v = proofShape.safeParse(value);
      if (!v.success) return provided;
      const kind = isProofType(v.data.type) ? t(`forms.proof_${v.data.type}`) : t("preview.proofDocument");
      return t("preview.proof", { kind, date: dayIn(v.data.issued_at, locale) });
    }
    case "liveness": {
      const v = livenessShape.safeParse(value);
      return v.success ? t("preview.liveness", { date: dayIn(v.data.verified_at.slice(0, 10), locale) }) : provided;
    }
    case "aml": {
      const v = amlShape.safeParse(value);
      if (!v.success) return provided;
      const date = dayIn(v.data.checked_at.slice(0, 10), locale);
      return v.data.status === "clear" ? t("preview.amlClear", { date }) : t("preview.amlHit", { date });
    }
  }
}
