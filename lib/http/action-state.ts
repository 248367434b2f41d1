import { z } from "zod";

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

/**
 * zod's own flattening, first message per field; a problem with the whole value (a scalar
 * item, a cross-field rule) goes under `rootField`.
 */
export function fieldErrorsOf(error: z.ZodError, rootField = "form"): FieldErrors {
  const { formErrors, fieldErrors } = z.flattenError(error);
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(fieldErrors as Record<string, string[] | undefined>)) if (messages?.[0]) out[field] = messages[0];
  if (formErrors[0]) out[rootField] ??= formErrors[0];
  return out;
}

/** The form's message followed by the field messages, for a form that marks no field itself. */
export function summaryOf(state: ActionState): string {
  return [state.message, ...Object.values(state.fieldErrors ?? {})].filter(Boolean).join(" ");
}
