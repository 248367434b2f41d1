/**
 * One zod schema per stored item value (SPEC §3). The same schema validates the form in
 * the browser and the request on the server; its output is what Attest stores.
 *
 * Schemas whose rules depend on today's date come as `…At(today?)` factories for tests;
 * the plain exports read the clock on every parse.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { ageOn, parseIsoDate } from "./dates";
import { countrySchema, isoDateSchema, textField, todayOf } from "./fields";
import type { Item } from "./items";

export { ageOn } from "./dates";
export { countryOptions } from "./countries";
export { countrySchema } from "./fields";
export * from "./document-values";

export const MINIMUM_AGE = 16;
export const MAXIMUM_AGE = 120;

// Letters of any script (with combining accents), single spaces, hyphens and apostrophes
// between them: "Anne-Marie", "O'Brien", "N’Dour", "José María".
const NAME_PATTERN = /^\p{L}(?:[\p{L}\p{M} '’-]*[\p{L}\p{M}])?$/u;

function namePart(label: string) {
  return z
    .string()
    .trim()
    .overwrite((v) => v.replace(/\s+/g, " "))
    .min(1, { error: `Enter your ${label}` })
    .max(100, { error: `Your ${label} can be at most 100 characters` })
    .regex(NAME_PATTERN, { error: `Use only letters, spaces, hyphens and apostrophes in your ${label}` });
}

/** `full_name` may be left out: it then defaults to "first last". */
export const nameSchema = z
  .object({
    first_name: namePart("first name"),
    last_name: namePart("last name"),
    full_name: namePart("full name").optional(),
  })
  .transform(({ first_name, last_name, full_name }) => ({
    first_name,
    last_name,
    full_name: full_name ?? `${first_name} ${last_name}`,
  }));
export type NameValue = z.output<typeof nameSchema>;

export function dateOfBirthSchemaAt(today?: Date) {
  return isoDateSchema.superRefine((value, ctx) => {
    if (!parseIsoDate(value)) return; // isoDateSchema already said why
    const age = ageOn(value, todayOf(today));
    if (value > todayOf(today)) {
      ctx.addIssue({ code: "custom", message: "Your date of birth cannot be in the future" });
    } else if (age < MINIMUM_AGE) {
      ctx.addIssue({ code: "custom", message: `You must be at least ${MINIMUM_AGE} years old` });
    } else if (age > MAXIMUM_AGE) {
      ctx.addIssue({ code: "custom", message: "Please check the year: this date is more than 120 years ago" });
    }
  });
}
export const dateOfBirthSchema = dateOfBirthSchemaAt();

export const addressSchema = z.object({
  street: textField("street and house number", { max: 200 }),
  city: textField("city", { max: 100 }),
  state: textField("region or state", { min: 0, max: 100 }).default(""),
  postal_code: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, { error: "Enter your postal code" })
    .max(20, { error: "A postal code has at most 20 characters" })
    .regex(/^[A-Z0-9](?:[A-Z0-9 -]*[A-Z0-9])?$/, { error: "Use only letters, digits, spaces and hyphens" }),
  country: countrySchema,
});
export type AddressValue = z.output<typeof addressSchema>;

/**
 * Any international notation ("+44 20 7946 0958", "0044 20…") in, E.164 out. Numbers
 * without a country code are refused rather than guessed.
 */
export const phoneSchema = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const international = raw.replace(/^00/, "+");
    const parsed = international.startsWith("+") ? parsePhoneNumberFromString(international) : undefined;
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "Enter your number with its country code, starting with +" });
      return z.NEVER;
    }
    if (!parsed.isValid()) {
      ctx.addIssue({ code: "custom", message: "This is not a valid phone number for that country" });
      return z.NEVER;
    }
    return parsed.number;
  });

// Lower-cased because sign-in links and the blind index must treat Alice@ and alice@ as one person.
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: "An email address has at most 254 characters" })
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com" }));

/**
 * Items whose value the user types as plain data. `aml` is deliberately absent: its value
 * is written by screening only, so no form or endpoint may accept it from a user.
 */
export const ITEM_VALUE_SCHEMAS: Partial<Record<Item, z.ZodType>> = {
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema,
  date_of_birth: dateOfBirthSchema,
  nationality: countrySchema,
  address: addressSchema,
};
