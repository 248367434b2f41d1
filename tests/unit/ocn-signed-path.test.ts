import { afterEach, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { signedPathOf } from "@/lib/ocn/authenticate";

/** SPEC §2: the signed path is the one the caller sent, with PUBLIC_URL's path prefix. */
describe("signedPathOf", () => {
  const original = process.env.PUBLIC_URL;
  afterEach(() => {
    process.env.PUBLIC_URL = original;
    resetEnvForTests();
  });

  function withPublicUrl(url: string) {
    process.env.PUBLIC_URL = url;
    resetEnvForTests();
  }

  it("keeps the path and query exactly as they arrived", () => {
    withPublicUrl("https://attest.example");
    expect(signedPathOf("https://attest.example/kyc/validate?b=2&a=%20x")).toBe("/kyc/validate?b=2&a=%20x");
    expect(signedPathOf("http://internal:3000/capabilities")).toBe("/capabilities");
  });

  it("keeps a prefix the request still carries, and restores one a proxy stripped", () => {
    withPublicUrl("https://gateway.example/attest");
    expect(signedPathOf("https://gateway.example/attest/kyc/data?x=1")).toBe("/attest/kyc/data?x=1");
    expect(signedPathOf("http://10.0.0.5:3000/kyc/data?x=1")).toBe("/attest/kyc/data?x=1");
    expect(signedPathOf("http://10.0.0.5:3000/attestation/kyc/data")).toBe("/attest/attestation/kyc/data");
  });
});
