/**
 * Typed fields of uploaded documents (SPEC §3). Expiry rules live here because SPEC §3
 * refuses expired documents at upload, before a reviewer ever sees them.
 */
import { z } from "zod";
import { fieldMessage } from "@/lib/i18n/field-messages";
import { daysBetween, parseIsoDate } from "./dates";
import { countrySchema, isoDateSchema, todayOf } from "./fields";

export const PROOF_OF_ADDRESS_TYPES = ["utility_bill", "bank_statement", "other"] as const;
export type ProofOfAddressType = (typeof PROOF_OF_ADDRESS_TYPES)[number];
export const PROOF_OF_ADDRESS_MAX_AGE_DAYS = 90;

/** Spaces and dashes are how numbers are printed, not part of them. */
export const documentNumberSchema = z
  .string({ error: fieldMessage("documentNumberRequired") })
  .transform((v) => v.replace(/[\s-]/g, "").toUpperCase())
  .pipe(
    z
      .string()
      .min(5, { error: fieldMessage("documentNumberTooShort") })
      .max(20, { error: fieldMessage("documentNumberTooLong") })
      .regex(/^[A-Z0-9]*$/, { error: fieldMessage("documentNumberCharacters") }),
  );

function issuedInThePast(today: Date | undefined) {
  return isoDateSchema.superRefine((value, ctx) => {
    if (parseIsoDate(value) && value > todayOf(today)) ctx.addIssue({ code: "custom", message: fieldMessage("issueDateInFuture") });
  });
}

export function identityDocumentFieldsSchemaAt(today?: Date) {
  return z
    .object(
      {
        number: documentNumberSchema,
        country: countrySchema,
        issued_at: issuedInThePast(today),
        // A document is still valid on its expiry day.
        expires_at: isoDateSchema.superRefine((value, ctx) => {
          if (parseIsoDate(value) && value < todayOf(today)) {
            ctx.addIssue({ code: "custom", message: fieldMessage("documentExpired") });
          }
        }),
      },
      { error: fieldMessage("formOutOfDate") },
    )
    .superRefine(({ issued_at, expires_at }, ctx) => {
      if (parseIsoDate(issued_at) && parseIsoDate(expires_at) && expires_at <= issued_at) {
        ctx.addIssue({ code: "custom", path: ["expires_at"], message: fieldMessage("expiryBeforeIssue") });
      }
    });
}
export const identityDocumentFieldsSchema = identityDocumentFieldsSchemaAt();
export type IdentityDocumentFields = z.output<typeof identityDocumentFieldsSchema>;

export function proofOfAddressFieldsSchemaAt(today?: Date) {
  return z.object(
    {
      type: z.enum(PROOF_OF_ADDRESS_TYPES, { error: fieldMessage("proofKind") }),
      issued_at: issuedInThePast(today).superRefine((value, ctx) => {
        if (parseIsoDate(value) && daysBetween(value, todayOf(today)) > PROOF_OF_ADDRESS_MAX_AGE_DAYS) {
          ctx.addIssue({ code: "custom", message: fieldMessage("proofTooOld"), params: { days: PROOF_OF_ADDRESS_MAX_AGE_DAYS } });
        }
      }),
    },
    { error: fieldMessage("formOutOfDate") },
  );
}
export const proofOfAddressFieldsSchema = proofOfAddressFieldsSchemaAt();
export type ProofOfAddressFields = z.output<typeof proofOfAddressFieldsSchema>;

/** Written by the screening job, never typed by a user. */
export const amlValueSchema = z.object({
  status: z.enum(["clear", "hit"]),
  checked_at: z.iso.datetime({ offset: true }),
  list: z.string().min(1),
});
export type AmlValue = z.output<typeof amlValueSchema>;
