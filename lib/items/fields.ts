/**
 * Building blocks shared by the item value schemas. Messages are shown to end users in
 * forms, so they say what to do, not what went wrong internally.
 */
import { z } from "zod";
import { isCountryCode } from "./countries";
import { isoDateOf, parseIsoDate } from "./dates";

/** "YYYY-MM-DD" that exists on the calendar. One check, so the user sees one message. */
export const isoDateSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      ctx.addIssue({ code: "custom", message: "Enter the date as YYYY-MM-DD" });
    } else if (!parseIsoDate(value)) {
      ctx.addIssue({ code: "custom", message: "This date does not exist" });
    }
  });

/** ISO 3166-1 alpha-2, accepted in any case and stored upper-cased. */
export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { error: "Choose a country from the list" });

/** Free text without control characters, which have no place in a postal address. */
export function textField(label: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string()
    .trim()
    .overwrite((v) => v.replace(/\s+/g, " "))
    .min(min, { error: `Enter your ${label}` })
    .max(max, { error: `Your ${label} can be at most ${max} characters` })
    .regex(/^[^\p{Cc}]*$/u, { error: `Your ${label} contains characters we cannot store` });
}

/** Resolves the reference day at parse time, so a long-running server never uses a stale "today". */
export function todayOf(today: Date | undefined): string {
  return isoDateOf(today ?? new Date());
}
