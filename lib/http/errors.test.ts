import { afterEach, describe, expect, it, vi } from "vitest";

import { logUnexpected, toErrorBody } from "./errors";

describe("logUnexpected", () => {
  afterEach(() => vi.restoreAllMocks());

  function logged(error: unknown, during?: string): string {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    logUnexpected(error, during);
    return spy.mock.calls.map((call) => call.join(" ")).join("\n");
  }

  it("writes the error's name and stack frames, never its message, which may carry data", () => {
    const error = new Error("Failed query: select * from users where email_idx = $1\nparams: alice@example.com,+441234567890");
    const line = logged(error);
    expect(line).toContain("[attest] unexpected Error");
    expect(line).toMatch(/\n\s+at /);
    expect(line).not.toContain("alice@example.com");
    expect(line).not.toContain("+441234567890");
    expect(line).not.toContain("Failed query");
  });

  it("says what was under way, when told", () => {
    expect(logged(new Error("boom"), "the expiry sweep")).toContain("[attest] unexpected Error during the expiry sweep");
  });

  it("names the database's SQLSTATE when a query error wraps one", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email" (email)=(bob@example.com)'), { code: "23505" });
    const line = logged(new Error("Failed query: insert …", { cause }));
    expect(line).toContain("(database code 23505)");
    expect(line).not.toContain("bob@example.com");
  });

  it("says nothing of the error in the 500 envelope", () => {
    expect(toErrorBody(new Error("params: secret"))).toEqual({ status: 500, body: { error: { code: "INTERNAL_ERROR", message: expect.not.stringContaining("secret") } } });
  });
});
