import { describe, expect, it } from "vitest";

import { OCN_HEADERS, requestMessage, responseMessage } from "./messages";
import { sha256Hex } from "./secp256k1";

describe("OCN signed messages (SPEC §2)", () => {
  it("builds the request message: six lines, method upper-cased, no trailing newline", () => {
    const bodySha256 = sha256Hex(`{"user_ocid":12345}`);
    expect(
      requestMessage({ ocid: "300", timestamp: "1763800000", nonce: "6f1c-nonce", method: "post", pathAndQuery: "/attest/kyc/validate?x=1&y=%20", bodySha256 }),
    ).toBe(`300\n1763800000\n6f1c-nonce\nPOST\n/attest/kyc/validate?x=1&y=%20\n${bodySha256}`);
  });

  it("uses the SHA-256 of the empty string for a request without a body", () => {
    expect(requestMessage({ ocid: "300", timestamp: "1", nonce: "n", method: "GET", pathAndQuery: "/capabilities", bodySha256: sha256Hex("") })).toBe(
      "300\n1\nn\nGET\n/capabilities\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("builds the response message from numbers or strings alike", () => {
    const bodySha256 = sha256Hex(`{"error":{"code":"NONCE_REUSED","message":"…"}}`);
    const expected = `540\n1763800001\n401\n${bodySha256}`;
    expect(responseMessage({ ocid: 540, timestamp: 1763800001, status: 401, bodySha256 })).toBe(expected);
    expect(responseMessage({ ocid: "540", timestamp: "1763800001", status: 401, bodySha256 })).toBe(expected);
  });

  it("refuses fields with line breaks, which would make two requests sign alike", () => {
    const base = { ocid: "300", timestamp: "1", nonce: "n", method: "GET", pathAndQuery: "/capabilities", bodySha256: sha256Hex("") };
    expect(() => requestMessage({ ...base, nonce: "n\nPOST" })).toThrow(TypeError);
    expect(() => requestMessage({ ...base, pathAndQuery: "/a\r" })).toThrow(TypeError);
    expect(() => responseMessage({ ocid: "540\n1", timestamp: 1, status: 200, bodySha256: "" })).toThrow(TypeError);
  });

  it("names the headers exactly", () => {
    expect(OCN_HEADERS).toEqual({ id: "X-OC-ID", timestamp: "X-OC-Timestamp", nonce: "X-OC-Nonce", signature: "X-OC-Signature" });
  });
});
