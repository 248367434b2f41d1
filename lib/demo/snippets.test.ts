import { describe, expect, it } from "vitest";

import { curlSnippet, fetchSnippet } from "./snippets";

const request = {
  method: "POST",
  url: "http://127.0.0.1:3000/kyc/validate",
  headers: { "x-oc-id": "300", "x-oc-signature": "ab", "content-type": "application/json", accept: "application/json" },
  body: `{"note":"it's"}`,
};

describe("copy-as snippets", () => {
  it("quote the body for a POSIX shell and keep the signed headers", () => {
    const curl = curlSnippet(request);
    expect(curl).toContain(`-H 'x-oc-id: 300'`);
    expect(curl).toContain(`--data-raw '{"note":"it'\\''s"}'`);
    expect(curl).not.toContain("accept:");
  });

  it("write a fetch call whose body is the exact string sent", () => {
    const code = fetchSnippet(request);
    expect(code).toContain(`body: ${JSON.stringify(request.body)}`);
    expect(code).toContain(`"x-oc-signature": "ab"`);
  });
});
