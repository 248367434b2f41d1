import "server-only";

import { getEnv } from "@/lib/env";
import { getKeys } from "@/lib/keys";
import { CAPABILITIES, signMetadataConfig, type ProviderMetadata } from "@/lib/ocn/metadata";
import { publicKeyFromPrivate } from "@/lib/ocn/secp256k1";

/** This provider's own OCN identity: OCID, key pair and signed metadata (SPEC §4). */
export function providerOcid(): number {
  const { ocid } = getEnv();
  if (ocid === undefined) throw new Error("OCN_OCID is not configured");
  return ocid;
}

export function providerPublicKey(): string {
  return publicKeyFromPrivate(getKeys().ocnPrivateKey);
}

/** The OCN endpoint is PUBLIC_URL itself: the OCN routes sit at its root. */
export function providerEndpoint(): string {
  return getEnv().publicUrl.href.replace(/\/$/, "");
}

let cached: { key: string; metadata: ProviderMetadata } | null = null;

/** `contact` and `profile` are plain strings, as the OCN docs' KYC example and the registry store them. */
export function providerMetadata(): ProviderMetadata {
  const cacheKey = `${providerEndpoint()}|${getKeys().ocnPrivateKey}`;
  if (cached?.key === cacheKey) return cached.metadata;
  const config = { publicKey: providerPublicKey(), endpoint: providerEndpoint(), capabilities: [...CAPABILITIES] };
  const metadata: ProviderMetadata = {
    opencharge: "0.1",
    name: "Attest",
    profile: "KYC provider: verified identity data, shared item by item with each person's consent",
    icon: `${providerEndpoint()}/icon.svg`,
    config,
    kyc: [],
    signature: signMetadataConfig(config, getKeys().ocnPrivateKey),
    contact: providerEndpoint(),
  };
  cached = { key: cacheKey, metadata };
  return metadata;
}
