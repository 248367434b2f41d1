import { describe, expect, it } from "vitest";

import { sniffUploadType } from "./file-type";

describe("sniffUploadType", () => {
  it.each([
    ["JPEG", [0xff, 0xd8, 0xff, 0xe1, 0, 0], "image/jpeg"],
    ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], "image/png"],
    ["PDF", [...Buffer.from("%PDF-1.4\n")], "application/pdf"],
  ])("recognises %s from its signature", (_, bytes, type) => {
    expect(sniffUploadType(new Uint8Array(bytes as number[]))).toBe(type);
  });

  it.each([
    ["GIF", [...Buffer.from("GIF89a")]],
    ["HTML", [...Buffer.from("<html><script>")]],
    ["SVG", [...Buffer.from("<svg xmlns=")]],
    ["PNG signature cut short", [0x89, 0x50, 0x4e, 0x47]],
    ["empty", []],
    ["PDF mentioned later in the file", [...Buffer.from(" %PDF-1.4")]],
  ])("refuses %s", (_, bytes) => {
    expect(sniffUploadType(new Uint8Array(bytes))).toBeNull();
  });
});
