import { statSync } from "node:fs";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { getKeys, resetKeysForTests } from "@/lib/keys";

afterEach(() => {
  delete process.env.ATTEST_ENV;
  delete process.env.OCN_OCID;
  resetEnvForTests();
  resetKeysForTests();
});

describe("key loader", () => {
  it("generates missing keys once, private to the owner, and reuses them", () => {
    const first = getKeys();
    const file = path.join(process.env.DATA_DIR!, "keys", "ocn-secp256k1.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    resetKeysForTests();
    const second = getKeys();
    expect(second.ocnPrivateKey).toBe(first.ocnPrivateKey);
    expect(second.credential.kid).toBe(first.credential.kid);
    expect(second.dataKeys.encryption.equals(first.dataKeys.encryption)).toBe(true);
  });

  it("refuses to start in production without keys", () => {
    process.env.ATTEST_ENV = "production";
    process.env.OCN_OCID = "540";
    const previous = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    try {
      resetEnvForTests();
      resetKeysForTests();
      expect(() => getKeys()).toThrow(/Invalid configuration: OCN_PRIVATE_KEY is required in production/);
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = previous;
    }
  });
});
