import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { loadRouteTemplates, routeTemplateOf, UNMATCHED_ROUTE } from "@/lib/http/route-template";

function appWith(files: string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), "attest-routes-"));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), "");
  }
  return root;
}

describe("route templates", () => {
  const root = appWith([
    "app/(admin)/admin/partners/page.tsx",
    "app/(admin)/admin/partners/[ocid]/page.tsx",
    "app/(admin)/admin/partners/new/page.tsx",
    "app/kyc/grant/[ocid]/page.tsx",
    "app/kyc/grant/[ocid]/icon/route.ts",
    "app/api/auth/[...nextauth]/route.ts",
    "app/docs/[[...slug]]/page.tsx",
    "app/page.tsx",
    "app/kyc/grant/[ocid]/consent-form.tsx",
    "public/icon.svg",
  ]);
  const templates = loadRouteTemplates(root, ["/kyc/validate"]);

  it.each([
    ["/", "/"],
    ["/admin/partners", "/admin/partners"],
    ["/admin/partners/", "/admin/partners"],
    ["/admin/partners/new", "/admin/partners/new"],
    ["/admin/partners/12", "/admin/partners/[ocid]"],
    ["/kyc/grant/540/icon", "/kyc/grant/[ocid]/icon"],
    ["/kyc/grant/540/other", UNMATCHED_ROUTE],
    ["/api/auth/callback/nodemailer", "/api/auth/[...nextauth]"],
    ["/api/auth", UNMATCHED_ROUTE],
    ["/docs", "/docs/[[...slug]]"],
    ["/docs/a/b", "/docs/[[...slug]]"],
    ["/icon.svg", "/icon.svg"],
    ["/kyc/validate", "/kyc/validate"],
    ["/_next/static/chunks/a.js", "/_next/static/[...path]"],
  ])("files %s under %s", (pathname, template) => {
    expect(routeTemplateOf(templates, pathname)).toBe(template);
  });

  it("prefers the build's manifest to the app directory", () => {
    const built = appWith(["app/page.tsx"]);
    mkdirSync(path.join(built, ".next"));
    writeFileSync(path.join(built, ".next", "app-path-routes-manifest.json"), JSON.stringify({ "/(x)/built/[id]/page": "/built/[id]" }));
    const fromBuild = loadRouteTemplates(built);
    expect(routeTemplateOf(fromBuild, "/built/7")).toBe("/built/[id]");
    expect(routeTemplateOf(fromBuild, "/")).toBe(UNMATCHED_ROUTE);
  });
});
