import { useTranslations } from "next-intl";
import type { z } from "zod";

import type { Translatable } from "@/lib/http/errors";
import { fieldTranslatables, issueTranslatable, renderFields, validationKeyOf } from "@/lib/i18n/field-messages";

/** A form's own check of the server's schema, its messages in the page's language (lib/i18n/field-messages.ts). */
export function useFieldMessages() {
  const t = useTranslations("validation");
  const render = (message: Translatable) => t(validationKeyOf(message), message.values);
  return {
    /** The first message per field; a problem with the whole value under `rootField`. */
    fieldErrors: (error: z.ZodError, rootField?: string) => renderFields(fieldTranslatables(error, rootField), render),
    /** The first problem of a single-field schema. */
    firstMessage: (error: z.ZodError) => render(issueTranslatable(error.issues[0]!)),
  };
}
