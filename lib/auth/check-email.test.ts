import { describe, expect, it } from "vitest";

import { checkEmailPath, sentToFrom } from "./check-email";

const sent = { email: "nora@example.com", callbackUrl: "/kyc/grant/300?grants=name", again: false };

describe("checkEmailPath", () => {
  it("sends Auth.js's verify-request answer to our page with the address and the return path", () => {
    const path = checkEmailPath("http://127.0.0.2:4600/api/auth/verify-request?provider=email&type=email", sent);
    const url = new URL(path, "http://x.invalid");
    expect(url.pathname).toBe("/signin/check-email");
    expect(url.searchParams.get("email")).toBe("nora@example.com");
    expect(url.searchParams.get("callbackUrl")).toBe("/kyc/grant/300?grants=name");
    expect(url.searchParams.has("again")).toBe(false);
    expect(new URL(checkEmailPath("/signin/check-email", { ...sent, again: true }), "http://x.invalid").searchParams.get("again")).toBe("1");
  });

  it.each(["http://127.0.0.2:4600/signin/error?error=Verification", "/signin?error=too_many_links"])("keeps any other answer (%s) as it is", (other) => {
    expect(checkEmailPath(other, sent)).toBe(other);
  });

  it("never carries a return path off Attest", () => {
    const url = new URL(checkEmailPath("/api/auth/verify-request", { ...sent, callbackUrl: "//evil.example/x" }), "http://x.invalid");
    expect(url.searchParams.get("callbackUrl")).toBe("/account");
  });
});

describe("sentToFrom", () => {
  it("reads back what checkEmailPath wrote", () => {
    const url = new URL(checkEmailPath("/api/auth/verify-request", { ...sent, again: true }), "http://x.invalid");
    expect(sentToFrom(Object.fromEntries(url.searchParams))).toEqual({ ...sent, again: true });
  });

  it.each([
    ["no address", {}],
    ["not an address", { email: "<script>@" }],
    ["two addresses", { email: ["a@example.com", "b@example.com"] }],
    ["too long", { email: `${"a".repeat(250)}@example.com` }],
  ])("shows no address when there is %s", (_name, query) => {
    expect(sentToFrom(query)).toBeNull();
  });

  it("falls back to the account for a return path elsewhere", () => {
    expect(sentToFrom({ email: "nora@example.com", callbackUrl: "https://evil.example/" })?.callbackUrl).toBe("/account");
  });
});
