import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, afterEach, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { createAttestServer, type NextHandler } from "@/lib/http/attest-server";
import { MACHINE_API } from "@/lib/machine-api";
import { STRICT_TRANSPORT_SECURITY } from "@/lib/http/security-headers";

/**
 * HSTS on every answer when PUBLIC_URL is https or in production, over HTTP through the
 * production server: the machine routes it answers itself and the routes it hands to Next
 * that the page proxy never sees. A stand-in answers for Next, writing its own headers as
 * Next's route handlers do.
 */
const standInForNext: NextHandler = async (request, response) => {
  const body = JSON.stringify({ page: request.url });
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
};

const env = process.env as Record<string, string | undefined>;
const names = ["NODE_ENV", "ATTEST_ENV", "OCN_OCID", "PUBLIC_URL"] as const;
const saved = Object.fromEntries(names.map((name) => [name, env[name]]));
let server: Server | null = null;

async function start(values: Record<string, string | undefined>): Promise<string> {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  resetEnvForTests();
  server = createAttestServer({ next: standInForNext, ...MACHINE_API });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

afterEach(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
  }
  for (const name of names) {
    if (saved[name] === undefined) delete env[name];
    else env[name] = saved[name];
  }
  resetEnvForTests();
});
afterAll(() => resetEnvForTests());

const PATHS: [string, string][] = [
  ["GET", "/api/auth/session"],
  ["GET", "/api/v1/status-lists/1"],
  ["GET", "/metadata.json"],
  ["GET", "/kyc/documents/6f1c1f4e-2d3b-4c5d-9e8f-0a1b2c3d4e5f?exp=1&sig=00"],
  ["GET", "/.well-known/did.json"],
  ["GET", "/account"],
  ["POST", "/api/v1/verify"],
];

async function hstsOf(base: string, [method, path]: [string, string]): Promise<string | null> {
  const response = await fetch(`${base}${path}`, { method, headers: { "content-type": "application/json" }, body: method === "POST" ? "{}" : undefined });
  await response.arrayBuffer();
  return response.headers.get("strict-transport-security");
}

describe("HSTS", () => {
  it("is on every answer when PUBLIC_URL is https", async () => {
    const base = await start({ NODE_ENV: "test", ATTEST_ENV: undefined, PUBLIC_URL: "https://attest.example" });
    for (const route of PATHS) expect(await hstsOf(base, route), route.join(" ")).toBe(STRICT_TRANSPORT_SECURITY);
  });

  it("is on every answer in production, even when PUBLIC_URL is http", async () => {
    const base = await start({ NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540", PUBLIC_URL: "http://attest.internal:3000" });
    for (const route of PATHS.filter(([method]) => method === "GET")) expect(await hstsOf(base, route), route.join(" ")).toBe(STRICT_TRANSPORT_SECURITY);
  });

  it("is absent outside production over plain http", async () => {
    const base = await start({ NODE_ENV: "test", ATTEST_ENV: undefined, PUBLIC_URL: "http://localhost:3000" });
    for (const route of PATHS) expect(await hstsOf(base, route), route.join(" ")).toBeNull();
  });
});
