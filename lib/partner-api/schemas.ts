import { z } from "zod";

import { PROOF_OF_ADDRESS_TYPES } from "@/lib/items/document-values";
import { ITEMS, PARTNER_STATUSES } from "@/lib/items/items";

/**
 * The OCN KYC API's bodies (SPEC §4) as zod schemas: requests are parsed with them,
 * responses are parsed through them before signing (so no stored field such as an MRZ
 * or an image id can leak), and /openapi.json is generated from them.
 */

/** A positive integer or its decimal string; numbers beyond any OCID simply find nobody. */
export const userOcidSchema = z
  .union([z.number().int().positive(), z.string().regex(/^[1-9][0-9]{0,15}$/, "expected a positive integer").transform(Number)])
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER))
  .meta({ description: "The person's OCID at this provider: a positive integer or its decimal string", example: 12345 });

const grantName = z.enum(ITEMS);
const grantList = z.array(grantName).max(ITEMS.length * 4);

export const validateRequestSchema = z
  .object({
    user_ocid: userOcidSchema,
    grants: grantList.optional().meta({ description: "Items to report; all twelve when left out" }),
  });
export type ValidateRequest = z.output<typeof validateRequestSchema>;

export const dataRequestSchema = z
  .object({
    user_ocid: userOcidSchema,
    grants: grantList.min(1, "name at least one item"),
  });
export type DataRequest = z.output<typeof dataRequestSchema>;

const unixSeconds = z.number().int().nonnegative();

export const validateResponseSchema = z
  .object({
    user_ocid: z.number().int().positive(),
    kyc_complete: z.boolean(),
    grants: z.partialRecord(grantName, z.enum(PARTNER_STATUSES)),
    verified_at: unixSeconds.nullable(),
    expires_at: unixSeconds.nullable(),
  });
export type ValidateResponse = z.output<typeof validateResponseSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const documentOf = <T extends string>(type: T) =>
  z.object({
    type: z.literal(type),
    number: z.string().meta({ description: "Masked except the last 4 characters unless staff allowed this partner full numbers" }),
    country: z.string().length(2),
    issued_at: isoDate,
    expires_at: isoDate,
    image_url: z.url().meta({ description: "Signed URL of the document image, valid for DOCUMENT_URL_TTL_SECONDS" }),
  });

export const itemDataSchemas = {
  name: z.object({ first_name: z.string(), last_name: z.string(), full_name: z.string() }),
  email: z.string(),
  phone: z.string().meta({ description: "E.164" }),
  date_of_birth: isoDate,
  nationality: z.string().length(2),
  address: z.object({ street: z.string(), city: z.string(), state: z.string(), postal_code: z.string(), country: z.string().length(2) }),
  id_card: documentOf("national_id"),
  passport: documentOf("passport"),
  driver_license: documentOf("driver_license"),
  proof_of_address: z.object({ type: z.enum(PROOF_OF_ADDRESS_TYPES), issued_at: isoDate, image_url: z.url() }),
  liveness: z.object({ verified: z.literal(true), selfie_url: z.url(), verified_at: unixSeconds.meta({ description: "Unix seconds" }) }),
  aml: z.object({ status: z.enum(["clear", "hit"]), checked_at: unixSeconds.meta({ description: "Unix seconds" }), list: z.string() }),
} as const;

export const kycDataSchema = z.object(itemDataSchemas).partial();

export const dataBodySchema = z.object({
  user_ocid: z.number().int().positive(),
  provider: z.number().int().positive(),
  requester: z.number().int().positive(),
  issued_at: unixSeconds,
  expires_at: unixSeconds,
  data: kycDataSchema,
});
export const dataResponseSchema = dataBodySchema.extend({
  signature: z.string().regex(/^[0-9a-f]{130}$/).meta({ description: "secp256k1 r‖s‖v over SHA-256 of JCS(the body without signature)" }),
});
export type DataBody = z.output<typeof dataBodySchema>;
export type DataResponse = z.output<typeof dataResponseSchema>;

export const capabilitiesResponseSchema = z
  .object({
    ocid: z.number().int().positive(),
    name: z.string(),
    capabilities: z.array(z.string()),
    supported_grants: z.array(grantName),
  });
