import { afterEach, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { isAllowedMetadataUrl } from "@/lib/ocn/partners";

/** SPEC §2: metadata over HTTPS; plain HTTP only to loopback hosts, and never in production. */
describe("isAllowedMetadataUrl", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, ATTEST_ENV: process.env.ATTEST_ENV, OCN_OCID: process.env.OCN_OCID };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
  });

  it.each([
    ["https://gateway.example/metadata.json", true],
    ["https://203.0.113.7:8443/metadata.json", true],
    ["http://localhost:4000/metadata.json", true],
    ["http://127.0.0.1:4000/metadata.json", true],
    ["http://127.8.9.10/metadata.json", true],
    ["http://[::1]:4000/metadata.json", true],
    ["http://gateway.example/metadata.json", false],
    ["http://localhost.gateway.example/metadata.json", false],
    ["http://127.0.0.1.gateway.example/metadata.json", false],
    ["http://[::ffff:127.0.0.1]/metadata.json", false],
    ["ftp://gateway.example/metadata.json", false],
    ["file:///etc/passwd", false],
    ["gateway.example/metadata.json", false],
    ["", false],
  ])("outside production, %s → %s", (url, allowed) => {
    expect(isAllowedMetadataUrl(url)).toBe(allowed);
  });

  it("allows only https in production, loopback included", () => {
    Object.assign(process.env, { NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540" });
    resetEnvForTests();
    expect(isAllowedMetadataUrl("https://gateway.example/metadata.json")).toBe(true);
    expect(isAllowedMetadataUrl("http://localhost:4000/metadata.json")).toBe(false);
    expect(isAllowedMetadataUrl("http://127.0.0.1:4000/metadata.json")).toBe(false);
  });
});
