/**
 * Messages a person reads speak in catalogue keys. A schema's message is
 * `fieldMessage("firstNameRequired")`, the key of its sentence in the `validation` namespace; the
 * values the sentence names come from the check itself (a maximum, a minimum) or its `params`.
 * One renderer, `translate`, puts them in words: in the browser with the page's translator, on
 * the server with the request's or, for the API envelopes and the log, the English one
 * (person-errors.ts). Imports no catalogue, so browser forms can use it.
 */
import type { MessageKeys, NestedKeyOf } from "next-intl";
import type { z } from "zod";

import type { FieldTranslation, Translatable } from "@/lib/http/errors";
import { firstIssueByField } from "@/lib/http/action-state";

import type { Messages } from "./messages";

/** Any sentence of the catalogue ("handoff.refused"). */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;
export type ValidationKey = keyof Messages["validation"];

/** A schema's message for one field check. */
export const fieldMessage = (key: ValidationKey): MessageKey => `validation.${key}`;

/** A sentence of the catalogue with the values it names. */
export const message = (key: MessageKey, values?: Translatable["values"]): Translatable => (values ? { key, values } : { key });

/** A sentence of the `validation` namespace. */
export const validation = (key: ValidationKey, values?: Translatable["values"]): Translatable => message(fieldMessage(key), values);

/** What `translate` needs of a translator: next-intl's, unscoped, in the browser or on the server. */
type Words = { has(key: MessageKey): boolean; (key: MessageKey, values?: Translatable["values"]): string };

const VALIDATION = "validation.";

/**
 * `translate`'s words from a translator scoped to the validation namespace: the one a form's own
 * checks speak, and so the one the browser carries for them (client-messages.ts).
 */
export function validationWords(t: { has(key: ValidationKey): boolean; (key: ValidationKey, values?: Translatable["values"]): string }): Words {
  const within = (key: MessageKey) => key.slice(VALIDATION.length) as ValidationKey;
  return Object.assign((key: MessageKey, values?: Translatable["values"]) => t(within(key), values), { has: (key: MessageKey) => key.startsWith(VALIDATION) && t.has(within(key)) });
}

/**
 * A message in the words of `t`'s language; several become sentences, each ended by a full stop.
 * A key the catalogue lacks shows as itself rather than failing the answer.
 */
export function translate(t: Words, translation: FieldTranslation): string {
  if (Array.isArray(translation)) return translation.map((sentence) => `${translate(t, sentence)}.`).join(" ");
  const key = translation.key as MessageKey;
  return t.has(key) ? t(key, translation.values) : translation.key;
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
  const key = issue.message.startsWith(VALIDATION) ? issue.message : fieldMessage("invalid");
  return Object.keys(values).length > 0 ? { key, values } : { key };
}

/** The first issue per field as a key; a problem with the whole value goes under `rootField`. */
export function fieldTranslatables(error: z.ZodError, rootField?: string): Record<string, Translatable> {
  return Object.fromEntries(Object.entries(firstIssueByField(error, rootField)).map(([field, issue]) => [field, issueTranslatable(issue)]));
}
