import { describe, expect, it } from "vitest";

import { consentReturnPath } from "./return-path";

describe("consentReturnPath", () => {
  it.each([
    ["/kyc/grant/300?grants=name&user_ocid=5", "/kyc/grant/300?grants=name&user_ocid=5"],
    ["/account", null],
    ["https://evil.example/kyc/grant/300", null],
    ["//evil.example/kyc/grant/300", null],
    ["/kyc/grant/../../account", null],
    ["/\\evil.example/kyc/grant/1", null],
    [undefined, null],
    [["/kyc/grant/300"], null],
  ])("%j → %j", (value, expected) => {
    expect(consentReturnPath(value)).toBe(expected);
  });
});
