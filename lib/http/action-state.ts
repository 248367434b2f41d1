import type { z } from "zod";

/** A message per form field, shown beside its input. */
export type FieldErrors = Record<string, string>;

/**
 * What every server action answers, and what its form reads: whether it worked, a message
 * for the form, a message per field. `Extra` carries what one form needs besides (a one-time
 * secret, the number a code went to); it is optional, so a refusal fits every action.
 */
export type ActionState<Extra extends object = object> = { ok: boolean; message?: string; fieldErrors?: FieldErrors } & Partial<Extra>;

/** The state a form starts from, before its action has run. */
export const IDLE: ActionState = { ok: false };

/** The first issue per field (its path's first part); a problem with the whole value (a scalar item, a cross-field rule) goes under `rootField`. */
export function firstIssueByField(error: z.ZodError, rootField = "form"): Record<string, z.core.$ZodIssue> {
  const out: Record<string, z.core.$ZodIssue> = {};
  for (const issue of error.issues) out[issue.path.length > 0 ? String(issue.path[0]) : rootField] ??= issue;
  return out;
}

/** The first message per field, for a form whose schema speaks English (the console, the demo gateway). */
export function fieldErrorsOf(error: z.ZodError, rootField = "form"): FieldErrors {
  return Object.fromEntries(Object.entries(firstIssueByField(error, rootField)).map(([field, issue]) => [field, issue.message]));
}

/** The form's message followed by the field messages, for a form that marks no field itself. */
export function summaryOf(state: ActionState): string {
  return [state.message, ...Object.values(state.fieldErrors ?? {})].filter(Boolean).join(" ");
}
