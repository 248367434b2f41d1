/**
 * Building blocks shared by the item value schemas. Messages are shown to end users in
 * forms, so they say what to do, not what went wrong internally; each is a key of the
 * catalogue's `validation` namespace (lib/i18n/field-messages.ts), read in the person's language.
 */
import { z } from "zod";
import { fieldMessage, type ValidationKey } from "@/lib/i18n/field-messages";
import { isCountryCode } from "./countries";
import { isoDateOf, parseIsoDate } from "./dates";

/** "YYYY-MM-DD" that exists on the calendar. One check, so the user sees one message. */
export const isoDateSchema = z
  .string({ error: fieldMessage("dateFormat") })
  .trim()
  .superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      ctx.addIssue({ code: "custom", message: fieldMessage("dateFormat") });
    } else if (!parseIsoDate(value)) {
      ctx.addIssue({ code: "custom", message: fieldMessage("dateNotReal") });
    }
  });

/** ISO 3166-1 alpha-2, accepted in any case and stored upper-cased. */
export const countrySchema = z
  .string({ error: fieldMessage("countryChoose") })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { error: fieldMessage("countryChoose") });

/** The messages of one text field: empty (left out for an optional field), too long, characters refused. */
type TextMessages = { required?: ValidationKey; tooLong: ValidationKey; characters: ValidationKey };

/** Free text without control characters, which have no place in a postal address. An optional field has no `required` message. */
export function textField(messages: TextMessages, { max }: { max: number }) {
  const text = z
    .string({ error: fieldMessage(messages.required ?? messages.characters) })
    .trim()
    .overwrite((v) => v.replace(/\s+/g, " "));
  return (messages.required ? text.min(1, { error: fieldMessage(messages.required) }) : text)
    .max(max, { error: fieldMessage(messages.tooLong) })
    .regex(/^[^\p{Cc}]*$/u, { error: fieldMessage(messages.characters) });
}

/** Resolves the reference day at parse time, so a long-running server never uses a stale "today". */
export function todayOf(today: Date | undefined): string {
  return isoDateOf(today ?? new Date());
}
