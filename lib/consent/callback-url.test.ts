import { describe, expect, it } from "vitest";

import { buildCallbackUrl, decisionStatus } from "./callback-url";

const params = (url: string) => [...new URL(url).searchParams.entries()];

describe("buildCallbackUrl (SPEC §5)", () => {
  it("all granted: status, grants, user_ocid, state", () => {
    const url = buildCallbackUrl("https://gw.example/cb", { status: "granted", granted: ["name", "email"], denied: [], userOcid: 12345 }, "s1");
    expect(params(url)).toEqual([["status", "granted"], ["grants", "name,email"], ["user_ocid", "12345"], ["state", "s1"]]);
  });

  it("partial: also the denied list", () => {
    const url = buildCallbackUrl("https://gw.example/cb", { status: "partial", granted: ["name"], denied: ["email", "phone"], userOcid: 7 }, "s");
    expect(params(url)).toEqual([["status", "partial"], ["grants", "name"], ["denied", "email,phone"], ["user_ocid", "7"], ["state", "s"]]);
  });

  it("denied: no lists, and no state when none was given", () => {
    const url = buildCallbackUrl("https://gw.example/cb", { status: "denied", granted: [], denied: ["name"], userOcid: 7 }, null);
    expect(params(url)).toEqual([["status", "denied"], ["user_ocid", "7"]]);
  });

  it("error: invalid_request and the state", () => {
    expect(params(buildCallbackUrl("https://gw.example/cb", { status: "error", error: "invalid_request" }, "a b&c"))).toEqual([
      ["status", "error"],
      ["error", "invalid_request"],
      ["state", "a b&c"],
    ]);
  });

  it("keeps the callback's own query and fragment, and replaces parameters it reuses", () => {
    const url = new URL(buildCallbackUrl("https://gw.example/cb?session=9&status=old#top", { status: "denied", granted: [], denied: ["name"], userOcid: 7 }, null));
    expect(url.searchParams.get("session")).toBe("9");
    expect(url.searchParams.getAll("status")).toEqual(["denied"]);
    expect(url.hash).toBe("#top");
    expect(url.pathname).toBe("/cb");
  });

  it("writes the lists with literal commas, as SPEC §5 shows them", () => {
    const url = buildCallbackUrl("https://gw.example/cb?x=a%2Cb", { status: "partial", granted: ["name", "email"], denied: ["phone", "aml"], userOcid: 7 }, "p,q");
    expect(new URL(url).search).toBe("?x=a%2Cb&status=partial&grants=name,email&denied=phone,aml&user_ocid=7&state=p%2Cq");
  });

  it("derives the status from the two lists", () => {
    expect(decisionStatus(["name"], [])).toBe("granted");
    expect(decisionStatus(["name"], ["email"])).toBe("partial");
    expect(decisionStatus([], ["email"])).toBe("denied");
  });
});
