/**
 * Errors a person reads: each carries its catalogue key, which actionFailure (lib/auth/action.ts)
 * renders in the request's language, and its English rendering as `message` for the API
 * envelopes and the log. An English request reads exactly the English message.
 */
import type { z } from "zod";

import { AppError, type ErrorCode, type FieldTranslation } from "@/lib/http/errors";

import { fieldTranslatables, translate, validation } from "./field-messages";
import { translatorFor } from "./messages";

const english = translatorFor("en");

/** A message in English, for what reviewers, the API envelopes and the log read. */
export const inEnglish = (message: FieldTranslation): string => translate(english, message);

/** An AppError whose message a person reads in their language. */
export function personError(code: ErrorCode, message: FieldTranslation, details?: Record<string, unknown>): AppError {
  const error = new AppError(code, inEnglish(message), details);
  error.translation = message;
  return error;
}

/** INVALID_REQUEST with a message per field (`details.fields` in English), as the forms show them beside each input. */
export function invalidFieldsError(fields: Record<string, FieldTranslation>, message: FieldTranslation = validation("correctFields")): AppError {
  const error = personError("INVALID_REQUEST", message, { fields: Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, inEnglish(text)])) });
  error.fieldTranslations = fields;
  return error;
}

/** A failed parse of a form's schema as field messages; a problem with the whole value under `rootField`. */
export function invalidInputError(error: z.ZodError, rootField?: string): AppError {
  return invalidFieldsError(fieldTranslatables(error, rootField));
}
