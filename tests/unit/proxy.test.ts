import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { NEXT_MACHINE_PATHS } from "@/lib/http/machine-routes";
import { config, proxy } from "@/proxy";

/** proxy.ts sets the page CSP and HSTS from the run-time configuration. */
const env = process.env as Record<string, string | undefined>;

describe("proxy", () => {
  const names = ["NODE_ENV", "ATTEST_ENV", "OCN_OCID", "PUBLIC_URL"] as const;
  const saved = Object.fromEntries(names.map((name) => [name, env[name]]));
  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete env[name];
      else env[name] = saved[name];
    }
    resetEnvForTests();
  });

  function run(values: Record<string, string | undefined>) {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    resetEnvForTests();
    return proxy(new NextRequest("http://127.0.0.1:3000/account")).headers;
  }

  it("sends HSTS in production even when PUBLIC_URL is http", () => {
    const headers = run({ NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540", PUBLIC_URL: "http://attest.internal:3000" });
    expect(headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("sends HSTS and upgrades requests outside production when PUBLIC_URL is https", () => {
    const headers = run({ NODE_ENV: "test", ATTEST_ENV: undefined, PUBLIC_URL: "https://attest.example" });
    expect(headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("sends no HSTS outside production over plain http", () => {
    const headers = run({ NODE_ENV: "test", ATTEST_ENV: undefined, PUBLIC_URL: "http://localhost:3000" });
    expect(headers.get("strict-transport-security")).toBeNull();
    expect(headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  });
});

/** Which requests the proxy sees, judged by Next's own matcher code: a route it sees gets the page CSP instead of its own. */
describe("proxy matcher", () => {
  const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

  it.each(["/", "/account", "/admin", "/admin/cases/abc", "/signin", "/kyc/grant/300", "/account/documents"])("runs for the page %s", (url) => {
    expect(matches(url)).toBe(true);
  });

  it.each([
    "/kyc/documents/6f1c1f4e-2d3b-4c5d-9e8f-0a1b2c3d4e5f?exp=1&sig=00",
    "/admin/documents/6f1c1f4e-2d3b-4c5d-9e8f-0a1b2c3d4e5f",
    "/account/documents/6f1c1f4e-2d3b-4c5d-9e8f-0a1b2c3d4e5f",
    "/kyc/grant/300/icon",
    "/api/v1/issue",
    "/metadata.json",
    "/.well-known/did.json",
  ])("leaves %s to set its own policy", (url) => {
    expect(matches(url)).toBe(false);
  });

  // The route table the server dispatches on: a machine route Next serves too must not pay for the proxy.
  it.each(NEXT_MACHINE_PATHS)("leaves the machine route %s alone", (path) => {
    expect(matches(path)).toBe(false);
  });
});
