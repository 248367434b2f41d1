import { useTranslations } from "next-intl";
import type { z } from "zod";

import type { FieldTranslation } from "@/lib/http/errors";
import { fieldTranslatables, issueTranslatable, translate, validationWords } from "@/lib/i18n/field-messages";

/** A form's own check of the server's schema (or of the MRZ), its messages in the page's language, rendered as the server renders them. */
export function useFieldMessages() {
  const t = validationWords(useTranslations("validation"));
  return {
    /** The first message per field; a problem with the whole value under `rootField`. */
    fieldErrors: (error: z.ZodError, rootField?: string) =>
      Object.fromEntries(Object.entries(fieldTranslatables(error, rootField)).map(([field, translatable]) => [field, translate(t, translatable)])),
    /** The first problem of a single-field schema. */
    firstMessage: (error: z.ZodError) => translate(t, issueTranslatable(error.issues[0]!)),
    /** A check's own sentences (the MRZ reader's), as the server would say them. */
    sentences: (translation: FieldTranslation) => translate(t, translation),
  };
}
