import { describe, expect, it } from "vitest";

import { readJsonBody } from "@/lib/http/json-body";
import { AppError } from "@/lib/http/errors";

const post = (body: BodyInit) => new Request("http://localhost/api/v1/verify", { method: "POST", body, duplex: "half" } as RequestInit);

describe("readJsonBody", () => {
  it("parses JSON whatever the declared type", async () => {
    await expect(readJsonBody(post('{"token":"a"}'))).resolves.toEqual({ token: "a" });
  });

  it("answers a body the client abandoned mid-stream with INVALID_REQUEST, not an unexpected error", async () => {
    const abandoned = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"tok'));
        controller.error(new Error("aborted"));
      },
    });
    const error = await readJsonBody(post(abandoned)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_REQUEST");
  });
});
