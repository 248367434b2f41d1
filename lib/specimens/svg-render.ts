/**
 * Renders the demo SVG templates (./templates, filled in by Mustache) to PNG with resvg compiled to
 * WebAssembly. Text uses the Geist fonts that ship as TTF in the `geist` package (SIL Open Font
 * License 1.1) and never a system font, so the same SVG gives the same PNG bytes on any machine.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { Resvg, initWasm } from "@resvg/resvg-wasm";
import Mustache from "mustache";

import { remember } from "@/lib/state/remember";

const modules = path.join(process.cwd(), "node_modules");
const FONTS = ["geist-sans/Geist-Regular", "geist-sans/Geist-SemiBold", "geist-sans/Geist-Bold", "geist-mono/GeistMono-SemiBold"];

// The custom server loads lib modules twice, and the WebAssembly module may be initialised only once:
// every copy of this module renders with the one initialised Resvg class.
const templates = new Map<string, string>();
const template = (name: string) =>
  templates.get(name) ?? templates.set(name, readFileSync(path.join(process.cwd(), "lib/specimens/templates", `${name}.svg`), "utf8")).get(name)!;

/** Fills template `name` with `view` (values XML-escaped; `{{> face}}` includes face.svg) and renders it. */
export async function renderTemplate(name: string, view: object): Promise<Buffer> {
  const { Resvg: Renderer, fontBuffers } = await remember("resvg", () =>
    initWasm(readFileSync(path.join(modules, "@resvg/resvg-wasm/index_bg.wasm"))).then(() => ({
      Resvg,
      fontBuffers: FONTS.map((font) => readFileSync(path.join(modules, "geist/dist/fonts", `${font}.ttf`))),
    })),
  );
  const resvg = new Renderer(Mustache.render(template(name), view, template), { font: { fontBuffers, loadSystemFonts: false, defaultFontFamily: "Geist" } });
  const image = resvg.render();
  const png = Buffer.from(image.asPng());
  image.free();
  resvg.free();
  return png;
}
