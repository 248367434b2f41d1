import { describe, expect, it } from "vitest";

import { readCapped } from "./read-capped";

function streamOf(chunks: number[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next === chunks.length) return controller.close();
      controller.enqueue(new Uint8Array(chunks[next++]!).fill(0x61));
    },
    cancel: onCancel,
  });
}

describe("readCapped", () => {
  it("reads a body up to the limit exactly", async () => {
    expect((await readCapped(streamOf([4, 4, 2]), 10))?.byteLength).toBe(10);
    expect((await readCapped(null, 10))?.byteLength).toBe(0);
  });

  it("stops and cancels the stream once the bytes go over, whatever was declared", async () => {
    let cancelled = false;
    expect(await readCapped(streamOf([6, 6, 6], () => (cancelled = true)), 10, "5")).toBeNull();
    expect(cancelled).toBe(true);
  });

  it("refuses a declared length over the limit without reading", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    expect(await readCapped(body, 10, "11")).toBeNull();
    expect(pulled).toBe(false);
  });

  it("throws when the stream fails midway", async () => {
    const body = new ReadableStream<Uint8Array>({ pull: (controller) => controller.error(new Error("reset")) });
    await expect(readCapped(body, 10)).rejects.toThrow("reset");
  });
});
