/**
 * Turns a declared item's form into the input its value schema parses. Shared by the
 * browser (to validate before sending) and the server action (to validate again), so
 * both read the same fields the same way.
 */
import type { DeclaredItem } from "./items";

export const DECLARED_FIELDS: Record<DeclaredItem, readonly string[] | null> = {
  name: ["first_name", "last_name", "full_name"],
  date_of_birth: null,
  nationality: null,
  address: ["street", "city", "state", "postal_code", "country"],
};

const text = (form: FormData, key: string): string => {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
};

export function declaredInputFrom(item: DeclaredItem, form: FormData): unknown {
  const fields = DECLARED_FIELDS[item];
  if (!fields) return text(form, "value");
  const out: Record<string, string> = {};
  for (const field of fields) {
    const v = text(form, field);
    // An empty optional field means "not given", so the schema can fill its default.
    if (v.trim() !== "" || field !== "full_name") out[field] = v;
  }
  return out;
}

export function documentFieldsFrom(form: FormData, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, text(form, k)]));
}
