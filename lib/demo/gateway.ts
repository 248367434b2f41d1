import { absoluteUrl } from "@/lib/env";
import { signMetadataConfig, type OcnMetadata } from "@/lib/ocn/metadata";

/**
 * The demo partner "Demo Gateway" (SPEC §10). Its private key is public on
 * purpose: it exists only so the demo and tests can act as a partner. Never
 * register it anywhere real.
 */
export const DEMO_GATEWAY = {
  ocid: 300,
  name: "Demo Gateway",
  privateKey: "fb1309f86904d436d801d2f307416e7c398ad3cc5a119cebe44cdfe87e8ab092",
  publicKey:
    "bce882bf0f576094f6104e093e882498d7400be1d726e08372c7ca1ded8329fba5ecb7efe304fa99aacbe520f31b9866d38347781dcce847f6c3d900cec473a7",
} as const;

export function demoGatewayMetadataUrl(): string {
  return absoluteUrl("/demo/gateway/metadata.json");
}

/** The gateway's own metadata, signed with its key, as any OCN entity publishes it. */
export function demoGatewayMetadata(): OcnMetadata {
  const config = {
    publicKey: DEMO_GATEWAY.publicKey,
    endpoint: absoluteUrl("/demo"),
    capabilities: ["kyc.consumer"],
  };
  return {
    opencharge: "0.1",
    name: DEMO_GATEWAY.name,
    profile: "Demo gateway that asks people for their KYC data (demo only)",
    icon: absoluteUrl("/demo/gateway/icon.svg"),
    config,
    kyc: [],
    signature: signMetadataConfig(config, DEMO_GATEWAY.privateKey),
    contact: "demo-gateway@example.com",
  };
}
