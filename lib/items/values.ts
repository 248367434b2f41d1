/**
 * One zod schema per stored item value (SPEC §3). The same schema validates the form in
 * the browser and the request on the server; its output is what Attest stores.
 *
 * Schemas whose rules depend on today's date come as `…At(today?)` factories for tests;
 * the plain exports read the clock on every parse.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { fieldMessage } from "@/lib/i18n/field-messages";
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

function namePart(part: "firstName" | "lastName" | "fullName") {
  return z
    .string({ error: fieldMessage(`${part}Required`) })
    .trim()
    .overwrite((v) => v.replace(/\s+/g, " "))
    .min(1, { error: fieldMessage(`${part}Required`) })
    .max(100, { error: fieldMessage(`${part}TooLong`) })
    .regex(NAME_PATTERN, { error: fieldMessage(`${part}Characters`) });
}

/** `full_name` may be left out: it then defaults to "first last". */
export const nameSchema = z
  .object(
    {
      first_name: namePart("firstName"),
      last_name: namePart("lastName"),
      full_name: namePart("fullName").optional(),
    },
    { error: fieldMessage("formOutOfDate") },
  )
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
      ctx.addIssue({ code: "custom", message: fieldMessage("birthInFuture") });
    } else if (age < MINIMUM_AGE) {
      ctx.addIssue({ code: "custom", message: fieldMessage("tooYoung"), params: { minimum: MINIMUM_AGE } });
    } else if (age > MAXIMUM_AGE) {
      ctx.addIssue({ code: "custom", message: fieldMessage("tooOld"), params: { maximum: MAXIMUM_AGE } });
    }
  });
}
export const dateOfBirthSchema = dateOfBirthSchemaAt();

export const addressSchema = z.object(
  {
    street: textField({ required: "streetRequired", tooLong: "streetTooLong", characters: "streetCharacters" }, { max: 200 }),
    city: textField({ required: "cityRequired", tooLong: "cityTooLong", characters: "cityCharacters" }, { max: 100 }),
    state: textField({ tooLong: "regionTooLong", characters: "regionCharacters" }, { max: 100 }).default(""),
    postal_code: z
      .string({ error: fieldMessage("postalCodeRequired") })
      .trim()
      .toUpperCase()
      .min(1, { error: fieldMessage("postalCodeRequired") })
      .max(20, { error: fieldMessage("postalCodeTooLong") })
      .regex(/^[A-Z0-9](?:[A-Z0-9 -]*[A-Z0-9])?$/, { error: fieldMessage("postalCodeCharacters") }),
    country: countrySchema,
  },
  { error: fieldMessage("formOutOfDate") },
);
export type AddressValue = z.output<typeof addressSchema>;

/**
 * Any international notation ("+44 20 7946 0958", "0044 20…") in, E.164 out. Numbers
 * without a country code are refused rather than guessed.
 */
export const phoneSchema = z
  .string({ error: fieldMessage("phoneCountryCode") })
  .trim()
  .transform((raw, ctx) => {
    const international = raw.replace(/^00/, "+");
    const parsed = international.startsWith("+") ? parsePhoneNumberFromString(international) : undefined;
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: fieldMessage("phoneCountryCode") });
      return z.NEVER;
    }
    if (!parsed.isValid()) {
      ctx.addIssue({ code: "custom", message: fieldMessage("phoneInvalid") });
      return z.NEVER;
    }
    return parsed.number;
  });

// Lower-cased because sign-in links and the blind index must treat Alice@ and alice@ as one person.
export const emailSchema = z
  .string({ error: fieldMessage("emailInvalid") })
  .trim()
  .toLowerCase()
  .max(254, { error: fieldMessage("emailTooLong") })
  .pipe(z.email({ error: fieldMessage("emailInvalid") }));

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
