import { statSync } from "node:fs";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { generateKeySet, getKeys, resetKeysForTests } from "@/lib/keys";

const KEY_VARIABLES = ["OCN_PRIVATE_KEY", "CREDENTIAL_SIGNING_KEY", "DATA_ENCRYPTION_KEY", "AUTH_SECRET"] as const;
const saved = { ...process.env };

/** Runs `check` with these variables set (or, as undefined, unset), then restores the environment. */
function withEnv(overrides: Record<string, string | undefined>, check: () => void): void {
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete process.env[name];
    else (process.env as Record<string, string>)[name] = value;
  }
  resetEnvForTests();
  resetKeysForTests();
  check();
}

afterEach(() => {
  for (const name of [...KEY_VARIABLES, "ATTEST_ENV", "OCN_OCID", "NODE_ENV", "DATABASE_URL"]) {
    if (saved[name] === undefined) delete process.env[name];
    else (process.env as Record<string, string>)[name] = saved[name];
  }
  resetEnvForTests();
  resetKeysForTests();
});

const unsetKeys = Object.fromEntries(KEY_VARIABLES.map((name) => [name, undefined]));

describe("key loader", () => {
  it("generates missing keys once on an embedded database, private to the owner, and reuses them", () => {
    withEnv({ ...unsetKeys, DATABASE_URL: undefined }, () => {
      const first = getKeys();
      const file = path.join(process.env.DATA_DIR!, "keys", "ocn-secp256k1.key");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      resetKeysForTests();
      const second = getKeys();
      expect(second.ocnPrivateKey).toBe(first.ocnPrivateKey);
      expect(second.credential.kid).toBe(first.credential.kid);
      expect(second.dataKeys.encryption.equals(first.dataKeys.encryption)).toBe(true);
    });
  });

  it("refuses to start in production without keys", () => {
    withEnv({ ...unsetKeys, ATTEST_ENV: "production", OCN_OCID: "540", NODE_ENV: "production" }, () => {
      expect(() => getKeys()).toThrow(/Invalid configuration: OCN_PRIVATE_KEY is required in production/);
    });
  });

  it.each(KEY_VARIABLES)("refuses to generate %s for an instance on a shared PostgreSQL", (missing) => {
    withEnv({ ...generateKeySet(), [missing]: undefined, DATABASE_URL: "postgres://attest@127.0.0.1:1/attest" }, () => {
      expect(() => getKeys()).toThrow(new RegExp(`^Invalid configuration: ${missing} is required with DATABASE_URL`));
    });
  });

  it("loads a set printed by npm run keys, the PEM's line breaks written as \\n", () => {
    const set = generateKeySet();
    const printed = { ...set, CREDENTIAL_SIGNING_KEY: set.CREDENTIAL_SIGNING_KEY.trim().replace(/\n/g, "\\n") };
    withEnv({ ...printed, DATABASE_URL: "postgres://attest@127.0.0.1:1/attest" }, () => {
      const keys = getKeys();
      expect(keys.ocnPrivateKey).toBe(set.OCN_PRIVATE_KEY);
      expect(keys.authSecret).toBe(set.AUTH_SECRET);
      expect(keys.credential.privateKey.asymmetricKeyType).toBe("ed25519");
    });
  });
});
