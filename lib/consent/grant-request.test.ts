import { describe, expect, it } from "vitest";

import { checkGrantRequest, isAllowedCallback, type GrantPartner, type QueryInput } from "./grant-request";

const partner: GrantPartner = { ocid: 300, status: "active", callbackOrigins: ["https://gateway.example"], allowedGrants: ["name", "email", "passport"] };
const good: QueryInput = { grants: "name,email", user_ocid: "12345", callback_url: "https://gateway.example/cb?session=1", state: "xyz" };
const check = (query: QueryInput, p: GrantPartner | null = partner, ocid = "300", production = false) => checkGrantRequest(ocid, query, p, { production });

describe("checkGrantRequest (SPEC §5 order)", () => {
  it("accepts a well-formed request", () => {
    expect(check(good)).toEqual({
      kind: "ok",
      request: { partnerOcid: 300, items: ["name", "email"], userOcid: 12345, callbackUrl: "https://gateway.example/cb?session=1", state: "xyz" },
    });
  });

  it.each([
    ["no partner", null, "300", "unknown_partner"],
    ["a non-numeric OCID", partner, "abc", "unknown_partner"],
    ["a zero-padded OCID", partner, "0300", "unknown_partner"],
    ["a partner for another OCID", partner, "301", "unknown_partner"],
    ["a suspended partner", { ...partner, status: "suspended" as const }, "300", "partner_suspended"],
  ])("shows an error page for %s, whatever the callback", (_name, p, ocid, problem) => {
    expect(check(good, p, ocid)).toEqual({ kind: "error_page", problem });
  });

  it.each([
    ["missing", undefined],
    ["not a URL", "gateway.example/cb"],
    ["another origin", "https://evil.example/cb"],
    ["a look-alike host", "https://gateway.example.evil.example/cb"],
    ["another port", "https://gateway.example:8443/cb"],
    ["plain http to the partner", "http://gateway.example/cb"],
    ["user info", "https://user:pass@gateway.example/cb"],
    ["javascript:", "javascript:alert(1)"],
  ])("shows an error page, never a redirect, for a callback that is %s", (_name, callback_url) => {
    expect(check({ ...good, callback_url })).toEqual({ kind: "error_page", problem: "bad_callback" });
  });

  it("refuses a repeated callback_url rather than picking one", () => {
    expect(check({ ...good, callback_url: ["https://gateway.example/cb", "https://evil.example/"] })).toEqual({ kind: "error_page", problem: "bad_callback" });
  });

  it("allows http to a loopback origin outside production only", () => {
    const local = { ...partner, callbackOrigins: ["http://localhost:3140"] };
    const query = { ...good, callback_url: "http://localhost:3140/demo/callback" };
    expect(check(query, local).kind).toBe("ok");
    expect(check(query, local, "300", true)).toEqual({ kind: "error_page", problem: "bad_callback" });
  });

  it.each([
    ["an unknown grant", { grants: "name,favourite_colour" }],
    ["a grant this partner may not ask for", { grants: "name,address" }],
    ["no grants", { grants: undefined }],
    ["an empty grant list", { grants: "" }],
    ["an empty entry", { grants: "name,,email" }],
    ["no user_ocid", { user_ocid: undefined }],
    ["a malformed user_ocid", { user_ocid: "12a45" }],
    ["a negative user_ocid", { user_ocid: "-5" }],
    ["an out-of-range user_ocid", { user_ocid: "99999999999" }],
    ["two user_ocids", { user_ocid: ["1", "2"] }],
  ])("sends %s back with status=error and the state", (_name, change) => {
    expect(check({ ...good, ...change })).toEqual({ kind: "redirect_error", callbackUrl: good.callback_url, state: "xyz" });
  });

  it("does not echo a state it cannot carry", () => {
    expect(check({ ...good, state: "x".repeat(2000) })).toEqual({ kind: "redirect_error", callbackUrl: good.callback_url, state: null });
  });

  it("keeps an explicitly empty state and drops duplicate grants", () => {
    expect(check({ ...good, grants: "email,name,email", state: "" })).toMatchObject({ kind: "ok", request: { items: ["email", "name"], state: "" } });
  });
});

describe("isAllowedCallback", () => {
  it("compares origins, not prefixes", () => {
    expect(isAllowedCallback("https://gateway.example/x", ["https://gateway.example/"], true)).toBe(true);
    expect(isAllowedCallback("https://gateway.example@evil.example/x", ["https://gateway.example"], true)).toBe(false);
  });
});
