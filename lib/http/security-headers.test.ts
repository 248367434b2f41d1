import { describe, expect, it } from "vitest";

import { parseEnv } from "@/lib/env";
import { runtimeSecurityHeaders, SECURITY_HEADERS, strictTransportSecurity, STRICT_TRANSPORT_SECURITY } from "@/lib/http/security-headers";

/** HSTS in production always, and wherever PUBLIC_URL is https (TLS in front of Attest). */
describe("strictTransportSecurity", () => {
  const production = { NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540" };
  it.each([
    { name: "production, https PUBLIC_URL", env: { ...production, PUBLIC_URL: "https://attest.example" }, hsts: true },
    { name: "production, http PUBLIC_URL", env: { ...production, PUBLIC_URL: "http://attest.internal:3000" }, hsts: true },
    { name: "production, PUBLIC_URL unset", env: production, hsts: true },
    { name: "development, https PUBLIC_URL", env: { NODE_ENV: "development", PUBLIC_URL: "https://attest.example" }, hsts: true },
    { name: "npm start without ATTEST_ENV, https PUBLIC_URL", env: { NODE_ENV: "production", PUBLIC_URL: "https://attest.example" }, hsts: true },
    { name: "development, http PUBLIC_URL", env: { NODE_ENV: "development", PUBLIC_URL: "http://localhost:3000" }, hsts: false },
    { name: "npm start without ATTEST_ENV, http PUBLIC_URL", env: { NODE_ENV: "production", PUBLIC_URL: "http://localhost:3000" }, hsts: false },
  ])("$name → HSTS $hsts", ({ env, hsts }) => {
    const parsed = parseEnv(env);
    expect(strictTransportSecurity(parsed)).toBe(hsts ? "max-age=63072000; includeSubDomains" : null);
    const headers = runtimeSecurityHeaders(parsed);
    expect(headers["Strict-Transport-Security"]).toBe(hsts ? STRICT_TRANSPORT_SECURITY : undefined);
    for (const { key, value } of SECURITY_HEADERS) expect(headers[key]).toBe(value);
  });
});
