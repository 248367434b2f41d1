import { describe, expect, it } from "vitest";

import { isForeignFormPost } from "@/lib/http/foreign-action";

const ORIGIN = "https://attest.example";

describe("isForeignFormPost", () => {
  it.each([
    ["a page form posted from another origin", { method: "POST", path: "/kyc/grant/300", headers: { origin: "https://evil.example" } }, true],
    ["a server action from another origin", { method: "POST", path: "/account", headers: { "next-action": "abc", origin: "https://evil.example" } }, true],
    ["a server action without an Origin", { method: "POST", path: "/account", headers: { "next-action": "abc" } }, true],
    ["a server action with Origin null", { method: "POST", path: "/account", headers: { "next-action": "abc", origin: "null" } }, true],
    ["a server action from Attest itself", { method: "POST", path: "/account", headers: { "next-action": "abc", origin: ORIGIN } }, false],
    ["a form from Attest itself", { method: "POST", path: "/kyc/grant/300", headers: { origin: ORIGIN } }, false],
    ["a machine API call with a foreign Origin", { method: "POST", path: "/kyc/validate", headers: { origin: "https://gateway.example" } }, false],
    ["a Credentials API call", { method: "POST", path: "/api/v1/verify", headers: { origin: "https://bank.example" } }, false],
    ["a GET from another origin", { method: "GET", path: "/account", headers: { origin: "https://evil.example" } }, false],
  ])("%s", (_name, request, expected) => {
    expect(isForeignFormPost(request, ORIGIN)).toBe(expected);
  });
});
