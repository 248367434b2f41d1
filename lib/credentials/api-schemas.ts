import { z } from "zod";

import { TIERS } from "@/lib/credentials/tiers";

/**
 * The Credentials API's bodies and path parameters (SPEC §6) as zod schemas:
 * the routes parse with them, the functions behind them return their types,
 * and /openapi.json is generated from them, so the three cannot drift apart.
 */

export const issueRequestSchema = z.object({
  email: z.email("must be an email address").max(254),
  phone_number: z.string().regex(/^\+[1-9]\d{6,14}$/, "must be a phone number in E.164 format, like +15551234567"),
  full_name: z.string().trim().min(1, "must not be empty").max(300),
  dob: z.iso.date("must be a date as YYYY-MM-DD"),
  tier: z.enum(TIERS, "must be Tier1, Tier2 or Tier3").default("Tier1"),
});
export type IssueRequest = z.infer<typeof issueRequestSchema>;

export const issueResponseSchema = z.object({
  status: z.literal("issued"),
  token: z.string().meta({ description: "The credential: a VC-JWT signed with EdDSA (Ed25519)" }),
  public_key: z.string().meta({ description: "The issuer's Ed25519 public key in PEM (SPKI)" }),
  credential_id: z.uuid().meta({ description: "For POST /api/v1/credentials/{id}/revoke" }),
});
export type IssuedCredential = z.infer<typeof issueResponseSchema>;

export const verifyRequestSchema = z.object({
  token: z.string().min(1, "must not be empty").max(20_000, "is too long"),
  public_key_pem: z.string().min(1, "must not be empty").max(5_000, "is too long"),
});
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

export const verifyResponseSchema = z.union([
  z.object({ valid: z.literal(true), payload: z.record(z.string(), z.unknown()).meta({ description: "The token's claims, `vc` included" }) }),
  z.object({ valid: z.literal(false), error: z.string().meta({ description: "Why it is not valid, e.g. Credential revoked" }) }),
]);

export const tokenResponseSchema = z.object({
  token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().positive().meta({ description: "Seconds; at most 3600" }),
});

export const credentialIdSchema = z.uuid().meta({ description: "The credential_id returned by POST /api/v1/issue" });

export const revokeResponseSchema = z.object({ status: z.literal("revoked"), credential_id: z.uuid() });

export const statusListIdSchema = z
  .string()
  .regex(/^[0-9a-f-]{36}$/)
  .meta({ description: "From a credential's credentialStatus.statusListCredential" });

export const publicJwkSchema = z.object({
  kty: z.string(),
  crv: z.string(),
  x: z.string(),
  kid: z.string().meta({ description: "The key's absolute DID URL (did:web:…#thumbprint): the `kid` in the JWS header of credentials signed with it, and its verification method id in /.well-known/did.json" }),
  alg: z.literal("EdDSA"),
  use: z.literal("sig"),
});
export type PublicJwk = z.infer<typeof publicJwkSchema>;

export const jwksSchema = z.object({ keys: z.array(publicJwkSchema).meta({ description: "Current and retired credential keys" }) });

const verificationMethodSchema = z.object({ id: z.string(), type: z.literal("JsonWebKey2020"), controller: z.string(), publicKeyJwk: publicJwkSchema });

export const didDocumentSchema = z.object({
  "@context": z.array(z.string()),
  id: z.string().meta({ description: "The issuer's did:web" }),
  verificationMethod: z.array(verificationMethodSchema),
  assertionMethod: z.array(z.string()),
});
export type DidDocument = z.infer<typeof didDocumentSchema>;
