import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { CLIENT_NAMESPACES } from "@/lib/i18n/client-messages";

/**
 * The browser gets only CLIENT_NAMESPACES of the catalogue (app/layout.tsx). A component that runs
 * there, a "use client" module or anything it imports, and reads another namespace would show raw
 * keys: this reads the source to find every namespace such components ask for.
 */
const ROOT = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? path.posix.join(path.posix.dirname(from), specifier) : null;
  if (base === null) return null;
  return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`, base].find((candidate) => existsSync(path.join(ROOT, candidate)) && statSync(path.join(ROOT, candidate)).isFile()) ?? null;
}

/** Runtime imports only: `import type` never reaches the browser. */
function importsOf(file: string): string[] {
  const specifiers = [...read(file).matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)].map((match) => match[1]!);
  return specifiers.map((specifier) => resolve(file, specifier)).filter((target): target is string => target !== null && /\.tsx?$/.test(target));
}

/** Every module the browser loads: the "use client" ones and everything they import. */
function browserModules(): string[] {
  const seen = new Set<string>();
  const queue = ["app", "components", "lib"].flatMap(sourceFiles).filter((file) => /^\s*["']use client["']/.test(read(file)));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  return [...seen];
}

describe("the messages the browser gets", () => {
  const modules = browserModules();
  const calls = modules.flatMap((file) => [...read(file).matchAll(/useTranslations\(([^)]*)\)/g)].map((match) => ({ file, argument: match[1]!.trim() })));

  it("finds the components that translate in the browser", () => {
    expect(modules).toContain("components/kyc/declared-item-form.tsx");
    expect(calls.length).toBeGreaterThan(10);
  });

  it("names each namespace literally, so this test can see it", () => {
    expect(calls.filter((call) => !/^"[\w.]+"$/.test(call.argument)).map((call) => `${call.file}: useTranslations(${call.argument})`)).toEqual([]);
  });

  it("includes every namespace a browser component reads", () => {
    const listed: readonly string[] = CLIENT_NAMESPACES;
    const missing = calls.map((call) => ({ ...call, namespace: call.argument.replace(/"/g, "").split(".")[0]! })).filter((call) => !listed.includes(call.namespace));
    expect(missing.map((call) => `${call.file} reads "${call.namespace}"`)).toEqual([]);
  });

  it("lists no namespace that no browser component reads", () => {
    const read = new Set(calls.map((call) => call.argument.replace(/"/g, "").split(".")[0]));
    expect(CLIENT_NAMESPACES.filter((namespace) => !read.has(namespace))).toEqual([]);
  });
});
