import type { z } from "zod";

import { AppError } from "@/lib/http/errors";

/**
 * Field messages for forms. Operations throw AppError("INVALID_REQUEST") carrying
 * `details.fields`, and the account forms show each message beside its field.
 */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: z.ZodError, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = prefix + (issue.path.length > 0 ? issue.path.join(".") : "value");
    out[key] ??= issue.message;
  }
  return out;
}

export function invalidFields(fields: FieldErrors, message = "Please correct the fields marked below."): AppError {
  return new AppError("INVALID_REQUEST", message, { fields });
}

/** The field messages an error carries, if it is one of ours. */
export function fieldErrorsFromError(error: unknown): FieldErrors | undefined {
  if (!(error instanceof AppError)) return undefined;
  const fields = error.details?.fields;
  if (fields && typeof fields === "object") return fields as FieldErrors;
  const field = error.details?.field;
  return typeof field === "string" ? { [field]: error.message } : undefined;
}
