import { describe, expect, it } from "vitest";

import { sniffIconType } from "./partner-icon";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe("sniffIconType", () => {
  it.each([
    ["PNG", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), "image/png"],
    ["JPEG", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), "image/jpeg"],
    ["GIF", text("GIF89a\x01\x00"), "image/gif"],
    ["WebP", text("RIFF\x00\x00\x00\x00WEBPVP8 "), "image/webp"],
    ["SVG", text('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), "image/svg+xml"],
    ["SVG with a declaration, comment and doctype", text('\n<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg viewBox="0 0 1 1"/>'), "image/svg+xml"],
  ])("recognises %s", (_name, input, type) => {
    expect(sniffIconType(input)).toBe(type);
  });

  it.each([
    ["HTML", text("<!doctype html><html><svg></svg></html>")],
    ["a RIFF file that is not WebP", text("RIFF\x00\x00\x00\x00WAVEfmt ")],
    ["plain text", text("not an image")],
    ["nothing", bytes()],
    ["a PDF", text("%PDF-1.7")],
  ])("refuses %s", (_name, input) => {
    expect(sniffIconType(input)).toBeNull();
  });
});
