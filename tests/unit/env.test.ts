import { describe, expect, it } from "vitest";

import { ConfigError, parseEnv } from "@/lib/env";

describe("configuration", () => {
  it("applies the documented defaults outside production", () => {
    const env = parseEnv({ NODE_ENV: "production" });
    expect(env.production).toBe(false);
    expect(env.port).toBe(3000);
    expect(env.publicUrl.href).toBe("http://localhost:3000/");
    expect(env.ocid).toBe(540);
    expect(env.seedDemo).toBe(true);
    expect(env.documentUrlTtlSeconds).toBe(600);
    expect(env.credentialIssuer).toBe("did:web:localhost%3A3000");
    expect(env.checks).toBe(false);
    expect(parseEnv({ CHECKS: "on" }).checks).toBe(true);
  });

  it.each([
    ["PORT", { PORT: "eighty" }],
    ["PUBLIC_URL", { PUBLIC_URL: "ftp://example.com" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://x" }],
    ["OCN_PRIVATE_KEY", { OCN_PRIVATE_KEY: "abc" }],
    ["DATA_ENCRYPTION_KEY", { DATA_ENCRYPTION_KEY: "c2hvcnQ=" }],
    ["DOCUMENT_URL_TTL_SECONDS", { DOCUMENT_URL_TTL_SECONDS: "3601" }],
    ["SEED_DEMO", { SEED_DEMO: "yes" }],
    ["SMTP_URL", { SMTP_URL: "http://mail" }],
    ["CHECKS", { CHECKS: "yes" }],
  ])("names %s when its value is bad", (variable, source) => {
    expect(() => parseEnv(source)).toThrow(ConfigError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it("in production generates nothing and needs an OCID", () => {
    expect(() => parseEnv({ NODE_ENV: "production", ATTEST_ENV: "production" })).toThrow(/OCN_OCID is required in production/);
    const env = parseEnv({ NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540" });
    expect(env.production).toBe(true);
    expect(env.seedDemo).toBe(false);
    expect(env.checks).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540", CHECKS: "off" }).checks).toBe(false);
  });
});
