import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { machineApiDocument } from "@/lib/machine-api";

type Schema = { required?: string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; anyOf?: Schema[]; const?: unknown };

const APP = path.join(process.cwd(), "app");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Route handlers that are not part of the public API, each with the reason it is left out. */
const NOT_API: Record<string, string> = {
  "/api/auth/{nextauth}": "Auth.js sign-in internals, used by the browser",
  "/openapi.json": "the document itself",
  "/dev/mailbox/messages": "the development mailbox, outside production and for this machine only",
  "/demo/gateway/metadata.json": "metadata of the demo partner, not of Attest",
  "/demo/gateway/icon.svg": "the demo partner's icon, named in its metadata",
  "/demo/webhooks": "the demo partner's own webhook receiver and what it received, not Attest's API",
  "/kyc/grant/{ocid}/icon": "the partner's icon as the consent page shows it, for the person's browser",
  "/account/documents/{id}": "a signed-in person's own document preview, for their browser",
  "/account/receipts/{id}/download": "a signed-in person's consent receipt download, for their browser",
  "/account/items/{item}/status": "a signed-in person's own item state, polled by their browser while a phone provides it",
  "/admin/audit/export": "the console's audit export, for staff in a browser session",
  "/admin/audit/head": "the console's signed tree head download, for staff in a browser session",
  "/admin/cases/{userId}/decisions": "the console's decisions, for staff in a browser session",
  "/admin/documents/{id}": "document images for the console, for staff in a browser session",
};

/** Pages documented because gateways send people to them; no route.ts serves them. */
const DOCUMENTED_PAGES = new Set(["/kyc/grant/{ocid}"]);

/** Every route.ts under app/ as an OpenAPI path ([id] → {id}, route groups dropped) with the methods it exports. */
function routeFiles(dir = APP): { path: string; methods: string[] }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (!/^route\.(ts|tsx|js)$/.test(entry.name)) return [];
    const segments = path
      .relative(APP, dir)
      .split(path.sep)
      .filter((segment) => segment && !/^\(.*\)$/.test(segment))
      .map((segment) => segment.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}"));
    const source = readFileSync(full, "utf8");
    // `export function GET`, `export const POST = …`, or a handler from lib: `export { validateRoute as POST } from …`.
    const methods = METHODS.filter((method) =>
      new RegExp(`export\\s+(?:async\\s+)?(?:function|const)\\s+${method}\\b|export\\s*\\{[^}]*\\bas\\s+${method}\\b[^}]*\\}`).test(source),
    );
    return [{ path: `/${segments.join("/")}`, methods }];
  });
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => (key === "$ref" && typeof inner === "string" ? [inner] : refsIn(inner)));
  }
  return [];
}

describe("/openapi.json", () => {
  const document = machineApiDocument();
  const schemas = document.components.schemas as unknown as Record<string, Schema>;
  const paths = document.paths as Record<string, Record<string, { security?: Record<string, unknown>[]; responses: Record<string, unknown> }>>;

  it("describes the OCN endpoints with schemas generated from zod", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(["/metadata.json", "/capabilities", "/kyc/validate", "/kyc/data", "/kyc/documents/{id}"]));
    expect(schemas.ValidateRequest!.required).toEqual(["user_ocid"]);
    expect(schemas.ValidateRequest!.properties!.grants!.items!.enum).toHaveLength(12);
    expect(schemas.DataRequest!.required).toEqual(["user_ocid", "grants"]);
    expect(schemas.DataResponse!.required).toEqual(expect.arrayContaining(["signature", "data", "expires_at"]));
    expect(Object.keys(schemas.DataResponse!.properties!.data!.properties!)).toHaveLength(12);
    expect(JSON.stringify(document)).not.toContain("$schema");
  });

  it("lists every API route file under app/ with each method it exports", () => {
    const routes = routeFiles().filter((route) => !(route.path in NOT_API));
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const route of routes) {
      expect(paths, `${route.path} is a route under app/ but missing from /openapi.json`).toHaveProperty([route.path]);
      expect(Object.keys(paths[route.path]!).sort(), route.path).toEqual(route.methods.map((method) => method.toLowerCase()).sort());
    }
    // And the reverse: nothing documented that no route serves.
    const served = new Set([...routeFiles().map((route) => route.path), ...DOCUMENTED_PAGES]);
    for (const documented of Object.keys(paths)) expect(served, documented).toContain(documented);
  });

  it("describes the Credentials API with its security schemes and the error envelope", () => {
    expect(document.components.securitySchemes).toMatchObject({
      apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
      bearerToken: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
    });
    expect(paths["/api/v1/verify"]!.post!.security).toEqual([{ apiKey: [] }]);
    expect(paths["/api/v1/issue"]!.post!.security).toEqual([{ bearerToken: [] }]);
    expect(paths["/api/v1/credentials/{id}/revoke"]!.post!.security).toEqual([{ bearerToken: [] }]);
    expect(Object.keys(paths["/api/v1/issue"]!.post!.responses).sort()).toEqual(["200", "400", "401", "402", "403", "409", "413", "422", "429"]);
    expect(Object.keys(paths["/api/v1/verify"]!.post!.responses).sort()).toEqual(["200", "400", "401", "402", "413", "429"]);
    for (const [route, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) >= 400) expect(refsIn(response), `${method} ${route} ${status}`).toEqual(["#/components/schemas/Error"]);
        }
      }
    }
    expect(schemas.IssueRequest!.required).toEqual(["email", "phone_number", "full_name", "dob"]);
    expect(schemas.IssueRequest!.properties!.tier!.enum).toEqual(["Tier1", "Tier2", "Tier3"]);
    expect(schemas.IssueResponse!.required).toEqual(["status", "token", "public_key", "credential_id"]);
    expect(schemas.VerifyRequest!.required).toEqual(["token", "public_key_pem"]);
    expect(schemas.VerifyResponse!.anyOf!.map((branch) => branch.properties!.valid!.const)).toEqual([true, false]);
    expect(schemas.Jwks!.properties!.keys!.items!.required).toEqual(expect.arrayContaining(["kid", "x", "alg"]));
  });

  it("names every operation and declares the OCN request headers as required parameters", () => {
    expect(document.info.license).toEqual({ name: "Apache-2.0", identifier: "Apache-2.0" });
    const operationIds = Object.values(paths).flatMap((operations) => Object.values(operations).map((operation) => (operation as { operationId?: string }).operationId));
    expect(operationIds.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const route of ["/capabilities", "/kyc/validate", "/kyc/data"]) {
      for (const operation of Object.values(paths[route]!)) {
        const headers = ((operation as { parameters?: { name: string; in: string; required?: boolean }[] }).parameters ?? []).filter((parameter) => parameter.in === "header");
        expect(headers.filter((header) => header.required).map((header) => header.name), route).toEqual(["X-OC-ID", "X-OC-Timestamp", "X-OC-Nonce"]);
      }
    }
    const metadata = paths["/metadata.json"]!.get!.responses["200"];
    expect(refsIn(metadata)).toEqual(["#/components/schemas/ProviderMetadata"]);
    expect(schemas.ProviderMetadata!.properties!.contact).toMatchObject({ type: "string" });
    expect(paths["/kyc/grant/{ocid}"]).toHaveProperty("get");
  });

  it("documents Idempotency-Key on issuance and 429 with its headers on every limited route", () => {
    type Operation = { parameters?: { name: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> };
    const operation = (route: string, method: string) => (paths[route] as unknown as Record<string, Operation>)[method]!;
    for (const route of ["/api/v1/issue", "/api/v1/tokens"]) expect(operation(route, "post").parameters?.map((parameter) => parameter.name)).toContain("Idempotency-Key");
    for (const [route, method] of [["/capabilities", "get"], ["/kyc/validate", "post"], ["/kyc/data", "post"], ["/api/v1/issue", "post"], ["/api/v1/verify", "post"], ["/api/v1/tokens", "post"], ["/api/v1/credentials/{id}/revoke", "post"]] as const) {
      expect(Object.keys(operation(route, method).responses["429"]?.headers ?? {}), `${method} ${route}`).toEqual(expect.arrayContaining(["Retry-After", "RateLimit-Policy", "RateLimit"]));
    }
    expect(Object.keys(operation("/kyc/validate", "post").responses["429"]!.headers!)).toContain("X-OC-Signature");
  });

  it("refers only to schemas it defines", () => {
    for (const ref of refsIn(document)) expect(Object.keys(schemas)).toContain(ref.replace("#/components/schemas/", ""));
  });
});
