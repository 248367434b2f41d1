import { z } from "zod";

import { canonicalJson, sortedTopLevelJson } from "@/lib/security/canonical-json";
import { parsePublicKey, signMessage, verifyMessage } from "./secp256k1";

export const CAPABILITIES = ["kyc.grant", "kyc.validate", "kyc.data"] as const;

const httpUrl = z.url({ protocol: /^https?$/ });

const publicKeyHex = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{128}|04[0-9a-fA-F]{128}|0[23][0-9a-fA-F]{64})$/, "expected 128, 130 or 66 hex characters")
  .refine((hex) => parsePublicKey(hex) !== null, "not a point on secp256k1");

/**
 * An OCN entity's /metadata.json. Partners run other implementations, so unknown fields
 * pass through (they are covered by the config signature, which must see them) and
 * cosmetic fields degrade instead of failing; what we rely on — the key, the endpoint
 * (the default callback origin), the signature, the name shown on the consent page — is
 * checked strictly.
 */
export const metadataSchema = z.looseObject({
  // "0.1" in every sample; a bare number would be the same claim, so accept and normalise it.
  opencharge: z.union([z.string(), z.number().transform(String)]),
  name: z.string().trim().min(1).max(200),
  profile: z.string().optional().catch(undefined),
  // Rendered as an image on the consent page: only http(s), and a bad value is dropped, not fatal.
  icon: httpUrl.optional().catch(undefined),
  config: z.looseObject({
    publicKey: publicKeyHex,
    endpoint: httpUrl,
    capabilities: z.array(z.string()),
  }),
  kyc: z.array(z.unknown()).optional(),
  signature: z.string().regex(/^[0-9a-fA-F]{128}(?:[0-9a-fA-F]{2})?$/, "expected 128 or 130 hex characters"),
  contact: z.unknown().optional(),
});

export type OcnMetadata = z.infer<typeof metadataSchema>;

/** What this provider publishes at /metadata.json (SPEC §4): the fields above, exactly, for /openapi.json. */
export const providerMetadataSchema = z.object({
  opencharge: z.literal("0.1"),
  name: z.string(),
  profile: z.string().meta({ description: "A one-line description of the provider" }),
  icon: z.url(),
  config: z.object({
    publicKey: z.string().regex(/^[0-9a-f]{128}$/).meta({ description: "secp256k1 public key, x‖y hex without the 04 prefix" }),
    endpoint: z.url().meta({ description: "Base URL of the OCN routes" }),
    capabilities: z.array(z.enum(CAPABILITIES)),
  }),
  kyc: z.array(z.unknown()),
  signature: z.string().regex(/^[0-9a-f]{130}$/).meta({ description: "secp256k1 r‖s‖v over SHA-256 of JCS(config)" }),
  contact: z.string().meta({ description: "An email address or URL" }),
});
export type ProviderMetadata = z.infer<typeof providerMetadataSchema>;

/** Our own metadata signature: over SHA-256 of JCS(config). */
export function signMetadataConfig(config: Record<string, unknown>, privateKeyHex: string): string {
  return signMessage(canonicalJson(config), privateKeyHex);
}

/**
 * Whether `signature` is config.publicKey's signature over the config: JCS first (what the
 * spec and we use), then the sorted-top-level JSON.stringify form of the OCN docs'
 * samples, which most hand-written partners copied. Never throws.
 */
export function verifyMetadataSignature(metadata: {
  config: Record<string, unknown> & { publicKey: string };
  signature: string;
}): boolean {
  const config: unknown = metadata?.config;
  const signature: unknown = metadata?.signature;
  if (typeof config !== "object" || config === null || Array.isArray(config)) return false;
  const publicKey = (config as { publicKey?: unknown }).publicKey;
  if (typeof publicKey !== "string" || typeof signature !== "string") return false;

  const jcs = attempt(() => canonicalJson(config));
  if (jcs !== null && verifyMessage(jcs, signature, publicKey)) return true;
  const legacy = attempt(() => sortedTopLevelJson(config as Record<string, unknown>));
  return legacy !== null && legacy !== jcs && verifyMessage(legacy, signature, publicKey);
}

function attempt(serialise: () => string): string | null {
  try {
    return serialise();
  } catch {
    return null;
  }
}
