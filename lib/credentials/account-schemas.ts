import { z } from "zod";

import { rateLimitPerMinuteSchema } from "@/lib/http/rate-limit-schema";

/** Console forms for API accounts: the same schemas check the form in the browser and the action on the server. */
export const createAccountSchema = z.object({
  name: z.string().trim().min(2, "Give the account a name of at least 2 characters").max(120, "At most 120 characters"),
  partnerOcid: z.preprocess(
    (value) => (value === "" || value == null ? undefined : value),
    z.coerce.number("An OCID is a number").int("An OCID is a whole number").positive("An OCID is a positive number").optional(),
  ),
});
export type CreateAccountInput = z.infer<typeof createAccountSchema>;

export const topUpSchema = z.object({
  accountId: z.uuid(),
  credits: z.coerce
    .number("Enter a number of credits")
    .int("Credits are whole numbers")
    .min(1, "Top up at least 1 credit")
    .max(1_000_000, "At most 1,000,000 credits at once"),
  note: z.string().trim().max(200, "At most 200 characters").optional(),
});

export const rateLimitSchema = z.object({ accountId: z.uuid(), rateLimitPerMinute: rateLimitPerMinuteSchema });

export const createApiKeySchema = z.object({
  accountId: z.uuid(),
  // Test keys are the default: a live key is a deliberate choice.
  mode: z.enum(["live", "test"], "Choose live or test").default("test"),
  /** What the key is for ("checkout", "back office"), so a key can be told apart from the others before it is revoked. */
  name: z
    .string()
    .trim()
    .max(80, "Keep the label under 80 characters")
    .transform((value) => value || undefined)
    .optional(),
});

export const idSchema = z.object({ id: z.uuid() });
