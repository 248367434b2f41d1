/**
 * Masked previews (SPEC §5): enough for the user to recognise their own data on the
 * consent page, not enough for someone looking over their shoulder to copy it.
 * Unknown shapes never fall back to printing the value.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { countryName } from "./countries";
import { ITEM_INFO, type Item } from "./items";

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

/** "1990-04-12" → "19••-••-12": the decade and the exact day stay hidden. */
function maskDate(d: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d.slice(0, 2)}••-••-${d.slice(8)}` : "••••-••-••";
}

function countryLabel(code: string): string {
  return countryName(code) ?? code;
}

const NOT_PROVIDED = "Not provided";
// Shown when a value exists but does not have the expected shape: never echo it.
const PROVIDED = "Provided";

const nameShape = z.object({ first_name: z.string().min(1), last_name: z.string().min(1) });
const addressShape = z.object({ city: z.string().min(1), country: z.string() });
const documentShape = z.object({ number: z.string(), expires_at: z.string().optional() });
const proofShape = z.object({ type: z.string(), issued_at: z.string() });
const livenessShape = z.object({ verified_at: z.string() });
const amlShape = z.object({ status: z.enum(["clear", "hit"]), checked_at: z.string() });

const PROOF_LABELS: Record<string, string> = {
  utility_bill: "Utility bill",
  bank_statement: "Bank statement",
  other: "Document",
};

export function previewItem(item: Item, value: unknown): string {
  if (value === null || value === undefined || value === "") return NOT_PROVIDED;
  switch (item) {
    case "name": {
      const v = nameShape.safeParse(value);
      return v.success ? `${[...v.data.first_name][0]}. ${v.data.last_name}` : PROVIDED;
    }
    case "email":
      return typeof value === "string" ? maskEmail(value) : PROVIDED;
    case "phone":
      return typeof value === "string" ? maskPhone(value) : PROVIDED;
    case "date_of_birth":
      return typeof value === "string" ? maskDate(value) : PROVIDED;
    case "nationality":
      return typeof value === "string" ? countryLabel(value) : PROVIDED;
    case "address": {
      const v = addressShape.safeParse(value);
      return v.success ? `${v.data.city}, ${countryLabel(v.data.country)}` : PROVIDED;
    }
    case "id_card":
    case "passport":
    case "driver_license": {
      const v = documentShape.safeParse(value);
      if (!v.success) return PROVIDED;
      const expiry = v.data.expires_at ? ` · expires ${v.data.expires_at}` : "";
      return `${ITEM_INFO[item].label} ${maskDocumentNumber(v.data.number)}${expiry}`;
    }
    case "proof_of_address": {
      const v = proofShape.safeParse(value);
      return v.success ? `${PROOF_LABELS[v.data.type] ?? "Document"} · issued ${v.data.issued_at}` : PROVIDED;
    }
    case "liveness": {
      const v = livenessShape.safeParse(value);
      return v.success ? `Selfie checked on ${v.data.verified_at.slice(0, 10)}` : PROVIDED;
    }
    case "aml": {
      const v = amlShape.safeParse(value);
      if (!v.success) return PROVIDED;
      const when = v.data.checked_at.slice(0, 10);
      return v.data.status === "clear" ? `No match (checked ${when})` : `Possible match under review (checked ${when})`;
    }
  }
}
