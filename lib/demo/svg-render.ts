/**
 * Renders the demo SVG templates (lib/demo/templates) to PNG with resvg (WebAssembly), using the
 * Geist fonts that ship as TTF in the `geist` package (SIL Open Font License 1.1), so output
 * depends on no system font: same SVG, same PNG bytes, on any machine.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { Resvg, initWasm } from "@resvg/resvg-wasm";
import Mustache from "mustache";

const modules = path.join(process.cwd(), "node_modules");
const templates = path.join(process.cwd(), "lib/demo/templates");
const FONTS = ["geist-sans/Geist-Regular", "geist-sans/Geist-SemiBold", "geist-sans/Geist-Bold", "geist-mono/GeistMono-Medium"];

// The custom server loads lib modules twice; the WebAssembly module may be initialised only once.
const state = globalThis as { __attestResvg?: Promise<Uint8Array[]> };

function prepare(): Promise<Uint8Array[]> {
  state.__attestResvg ??= initWasm(readFileSync(path.join(modules, "@resvg/resvg-wasm/index_bg.wasm"))).then(() =>
    FONTS.map((font) => readFileSync(path.join(modules, `geist/dist/fonts/${font}.ttf`))),
  );
  return state.__attestResvg;
}

const cache = new Map<string, string>();
function template(name: string): string {
  if (!cache.has(name)) cache.set(name, readFileSync(path.join(templates, `${name}.svg`), "utf8"));
  return cache.get(name)!;
}

/** Fills template `name` with `view` (values are XML-escaped; `{{> face}}` includes face.svg) and renders it. */
export async function renderTemplate(name: string, view: object): Promise<Buffer> {
  const fontBuffers = await prepare();
  const svg = Mustache.render(template(name), view, template);
  const resvg = new Resvg(svg, { font: { fontBuffers, loadSystemFonts: false, defaultFontFamily: "Geist" } });
  const image = resvg.render();
  const png = Buffer.from(image.asPng());
  image.free();
  resvg.free();
  return png;
}
