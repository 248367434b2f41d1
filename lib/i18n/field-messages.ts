/**
 * Field checks speak in catalogue keys. A schema's message is `fieldMessage("firstNameRequired")`,
 * the key of its sentence in the `validation` namespace; the values the sentence names come from
 * the check itself (a maximum, a minimum) or its `params`. The browser renders them with
 * useTranslations("validation"), the server in the request's language or, for the API and the
 * log, in English (person-errors.ts). Imports no catalogue, so browser forms can use it.
 */
import type { z } from "zod";

import type { FieldErrors } from "@/lib/http/action-state";
import type { Translatable } from "@/lib/http/errors";

import type { Messages } from "./messages";

export type ValidationKey = keyof Messages["validation"];

const NAMESPACE = "validation";
const PREFIX = `${NAMESPACE}.`;

/** A schema's message for one field check. */
export const fieldMessage = (key: ValidationKey): string => `${PREFIX}${key}`;

/** A key of the `validation` namespace as a Translatable. */
export const validation = (key: ValidationKey, values?: Translatable["values"]): Translatable => (values ? { key: fieldMessage(key), values } : { key: fieldMessage(key) });

/** The key within the `validation` namespace, for a translator scoped to it. */
export function validationKeyOf(translatable: Translatable): ValidationKey {
  return (translatable.key.startsWith(PREFIX) ? translatable.key.slice(PREFIX.length) : "invalid") as ValidationKey;
}

/**
 * One issue as a key and values. A message that is no key (zod's own English, which no item
 * schema should let through) becomes "Check this field": English never reaches a German form.
 */
export function issueTranslatable(issue: z.core.$ZodIssue): Translatable {
  const values: Record<string, string | number> = {};
  if (issue.code === "custom" && issue.params) {
    for (const [name, value] of Object.entries(issue.params)) if (typeof value === "string" || typeof value === "number") values[name] = value;
  }
  if ("maximum" in issue) values.maximum = Number(issue.maximum);
  if ("minimum" in issue) values.minimum = Number(issue.minimum);
  const key = issue.message.startsWith(PREFIX) ? issue.message : fieldMessage("invalid");
  return Object.keys(values).length > 0 ? { key, values } : { key };
}

/** The first issue per field (its path's first part); a problem with the whole value goes under `rootField`. */
export function fieldTranslatables(error: z.ZodError, rootField = "form"): Record<string, Translatable> {
  const out: Record<string, Translatable> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : rootField;
    out[field] ??= issueTranslatable(issue);
  }
  return out;
}

/** Field messages in words, `render` being the language's translator. */
export function renderFields(fields: Record<string, Translatable>, render: (translatable: Translatable) => string): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([field, translatable]) => [field, render(translatable)]));
}
