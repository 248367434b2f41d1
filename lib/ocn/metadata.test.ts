import * as ecc from "tiny-secp256k1";
import { describe, expect, it } from "vitest";

import { canonicalJson, sortedTopLevelJson } from "@/lib/security/canonical-json";
import { CAPABILITIES, metadataSchema, signMetadataConfig, verifyMetadataSignature } from "./metadata";
import { publicKeyFromPrivate, signMessage } from "./secp256k1";

const PRIVATE_KEY = "fb1309f86904d436d801d2f307416e7c398ad3cc5a119cebe44cdfe87e8ab092";
const PUBLIC_KEY = publicKeyFromPrivate(PRIVATE_KEY);
const OTHER_PRIVATE_KEY = "0000000000000000000000000000000000000000000000000000000000003039";

function config(extra: Record<string, unknown> = {}) {
  return {
    publicKey: PUBLIC_KEY,
    endpoint: "https://gateway.example",
    capabilities: ["kyc.grant", "kyc.validate"],
    limits: { daily: 10, currency: "EUR" },
    ...extra,
  };
}

function metadata(overrides: Record<string, unknown> = {}) {
  const c = config();
  return {
    opencharge: "0.1",
    name: "Demo Gateway",
    profile: "Gateway",
    icon: "https://gateway.example/icon.png",
    config: c,
    kyc: [],
    signature: signMetadataConfig(c, PRIVATE_KEY),
    contact: { email: "ops@gateway.example" },
    ...overrides,
  };
}

describe("verifyMetadataSignature", () => {
  it("accepts our own signature over JCS(config)", () => {
    const c = config();
    expect(signMetadataConfig(c, PRIVATE_KEY)).toBe(signMessage(canonicalJson(c), PRIVATE_KEY));
    expect(verifyMetadataSignature({ config: c, signature: signMetadataConfig(c, PRIVATE_KEY) })).toBe(true);
  });

  it("accepts a signature over the docs' sorted-top-level form, nested-key filtering included", () => {
    const c = config();
    // The nested `limits` members are not top-level names, so this form signs "limits":{}.
    expect(sortedTopLevelJson(c)).toContain(`"limits":{}`);
    expect(verifyMetadataSignature({ config: c, signature: signMessage(sortedTopLevelJson(c), PRIVATE_KEY) })).toBe(true);
  });

  it("accepts 04-prefixed, compressed and upper-case publicKey encodings", () => {
    const compressed = Buffer.from(ecc.pointCompress(Buffer.from(`04${PUBLIC_KEY}`, "hex"), true)).toString("hex");
    for (const publicKey of [`04${PUBLIC_KEY}`, compressed, PUBLIC_KEY.toUpperCase()]) {
      const c = config({ publicKey });
      expect(verifyMetadataSignature({ config: c, signature: signMetadataConfig(c, PRIVATE_KEY) })).toBe(true);
    }
  });

  it.each<[string, (c: ReturnType<typeof config>) => Record<string, unknown>]>([
    ["a changed endpoint", (c) => ({ ...c, endpoint: "https://evil.example" })],
    ["an added member", (c) => ({ ...c, admin: true })],
    ["a removed capability", (c) => ({ ...c, capabilities: ["kyc.grant"] })],
    ["a changed nested value", (c) => ({ ...c, limits: { daily: 11, currency: "EUR" } })],
    ["a swapped public key", (c) => ({ ...c, publicKey: publicKeyFromPrivate(OTHER_PRIVATE_KEY) })],
  ])("rejects a config with %s", (_name, tamper) => {
    const c = config();
    const signature = signMetadataConfig(c, PRIVATE_KEY);
    expect(verifyMetadataSignature({ config: tamper(c) as ReturnType<typeof config>, signature })).toBe(false);
  });

  it("rejects a config signed by a key other than its publicKey", () => {
    const c = config();
    expect(verifyMetadataSignature({ config: c, signature: signMetadataConfig(c, OTHER_PRIVATE_KEY) })).toBe(false);
  });

  it("notes the docs' form is blind to nested keys it filters out (why JCS is tried first and preferred)", () => {
    const c = config();
    const legacySignature = signMessage(sortedTopLevelJson(c), PRIVATE_KEY);
    // Same top-level names, different nested content outside the allow-list: still verifies.
    expect(verifyMetadataSignature({ config: { ...c, limits: { other: 1 } }, signature: legacySignature })).toBe(true);
    // A JCS signature covers it.
    expect(verifyMetadataSignature({ config: { ...c, limits: { other: 1 } }, signature: signMetadataConfig(c, PRIVATE_KEY) })).toBe(false);
  });

  it.each<[string, unknown]>([
    ["no config", { signature: "00" }],
    ["a null config", { config: null, signature: "00" }],
    ["an array config", { config: [], signature: "00" }],
    ["a numeric publicKey", { config: { publicKey: 1 }, signature: "00" }],
    ["a numeric signature", { config: config(), signature: 1 }],
    ["a config JSON cannot carry", { config: { ...config(), n: Number.NaN, f: () => 1 }, signature: "0".repeat(130) }],
    ["a non-object", "metadata"],
    ["null", null],
  ])("returns false, never throws, for %s", (_name, input) => {
    expect(verifyMetadataSignature(input as Parameters<typeof verifyMetadataSignature>[0])).toBe(false);
  });
});

describe("metadataSchema", () => {
  it("parses partner metadata and keeps fields it does not know (they are signed)", () => {
    const raw = { ...metadata(), website: "https://gateway.example" };
    raw.config = { ...raw.config, region: "eu" } as typeof raw.config;
    const parsed = metadataSchema.parse(raw);
    expect(parsed.config.publicKey).toBe(PUBLIC_KEY);
    expect(parsed.config).toMatchObject({ region: "eu", limits: { daily: 10, currency: "EUR" } });
    expect(parsed).toMatchObject({ website: "https://gateway.example" });
  });

  it("parses our own capabilities list", () => {
    const c = { publicKey: PUBLIC_KEY, endpoint: "https://attest.example", capabilities: [...CAPABILITIES] };
    const parsed = metadataSchema.parse({ opencharge: "0.1", name: "Attest", config: c, signature: signMetadataConfig(c, PRIVATE_KEY) });
    expect(verifyMetadataSignature(parsed)).toBe(true);
    expect(CAPABILITIES).toEqual(["kyc.grant", "kyc.validate", "kyc.data"]);
  });

  it("degrades cosmetic fields instead of failing", () => {
    const parsed = metadataSchema.parse(metadata({ icon: "javascript:alert(1)", profile: 7, opencharge: 0.1 }));
    expect(parsed.icon).toBeUndefined();
    expect(parsed.profile).toBeUndefined();
    expect(parsed.opencharge).toBe("0.1");
  });

  it.each<[string, Record<string, unknown>]>([
    ["no name", { name: undefined }],
    ["a blank name", { name: "   " }],
    ["no signature", { signature: undefined }],
    ["a short signature", { signature: "ab".repeat(63) }],
    ["a non-hex signature", { signature: "zz".repeat(65) }],
    ["no config", { config: undefined }],
    ["a 127-hex publicKey", { config: { ...config(), publicKey: PUBLIC_KEY.slice(1) } }],
    ["a publicKey off the curve", { config: { ...config(), publicKey: "0".repeat(128) } }],
    ["a non-http endpoint", { config: { ...config(), endpoint: "ftp://gateway.example" } }],
    ["a relative endpoint", { config: { ...config(), endpoint: "/kyc" } }],
    ["capabilities not a list", { config: { ...config(), capabilities: "kyc.grant" } }],
    ["kyc not a list", { kyc: {} }],
  ])("rejects metadata with %s", (_name, overrides) => {
    expect(metadataSchema.safeParse(metadata(overrides)).success).toBe(false);
  });
});
