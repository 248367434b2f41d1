import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { identityDocumentFieldsSchema, ITEM_VALUE_SCHEMAS, proofOfAddressFieldsSchema } from "@/lib/items/values";

import { fieldTranslatables, translate, validation, validationWords } from "./field-messages";
import { LOCALES } from "./locales";
import { MESSAGES, translatorFor } from "./messages";

/**
 * Every check a person's form runs speaks in a catalogue key, so zod's own English never reaches
 * a German page, and every key renders in every language with the values the check supplies.
 */
const schemas: Record<string, z.ZodType> = { ...ITEM_VALUE_SCHEMAS, identity_document: identityDocumentFieldsSchema, proof_of_address: proofOfAddressFieldsSchema };

const SCALARS: unknown[] = [undefined, null, 42, true, [], {}, "", "   ", "x".repeat(300), "a\u0001b", "#!", "2026-02-30", "1800-01-01", "2999-01-01", "+44 12", "0044"];
/** Objects with each field missing, of the wrong type or malformed. */
const OBJECTS: unknown[] = SCALARS.flatMap((value) => [
  { first_name: value, last_name: value, full_name: value },
  { street: value, city: value, state: value, postal_code: value, country: value },
  { number: value, country: value, issued_at: value, expires_at: value },
  { type: value, issued_at: value },
  { number: "AB12345", country: "FR", issued_at: "2030-01-01", expires_at: "2020-01-01" },
]);

const failures = Object.entries(schemas).flatMap(([name, schema]) =>
  [...SCALARS, ...OBJECTS].flatMap((input) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? [] : [{ name, input, error: parsed.error }];
  }),
);

describe("person-facing field checks", () => {
  it("are exercised by many bad values", () => {
    expect(failures.length).toBeGreaterThan(200);
  });

  it("say every problem with a key of the validation namespace", () => {
    const raw = failures.flatMap(({ name, input, error }) => error.issues.filter((issue) => !issue.message.startsWith("validation.")).map((issue) => `${name} ${JSON.stringify(input)}: ${issue.message}`));
    expect(raw).toEqual([]);
  });

  it.each(LOCALES)("render in %s with the values each check supplies", (locale) => {
    const t = translatorFor(locale);
    const unrendered = failures.flatMap(({ name, error }) =>
      Object.entries(fieldTranslatables(error))
        .map(([field, translatable]) => [field, translatable.key, translate(t, translatable)] as const)
        .filter(([, key, text]) => text === key || text.includes("{") || key === "validation.invalid")
        .map(([field, key]) => `${name}.${field}: ${key}`),
    );
    expect([...new Set(unrendered)]).toEqual([]);
  });

  it("read the same through the translator a browser form holds, scoped to the validation namespace", () => {
    const scoped = validationWords(createTranslator({ locale: "de", messages: MESSAGES.de, namespace: "validation" }));
    const problems = failures.flatMap(({ error }) => Object.values(fieldTranslatables(error)));
    expect(problems.map((problem) => translate(scoped, problem))).toEqual(problems.map((problem) => translate(translatorFor("de"), problem)));
    expect(translate(scoped, validation("codeWrong", { left: 2 }))).toBe(translate(translatorFor("de"), validation("codeWrong", { left: 2 })));
    expect(translate(scoped, { key: "handoff.refused" })).toBe("handoff.refused");
  });
});
