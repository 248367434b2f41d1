import { describe, expect, it } from "vitest";

import { CLIENT_NAMESPACES } from "@/lib/i18n/client-messages";

import { importsOf, readSource, sourceFiles } from "../support/source-graph";

/**
 * The browser gets only CLIENT_NAMESPACES of the catalogue (app/layout.tsx). A component that runs
 * there, a "use client" module or anything it imports, and reads another namespace would show raw
 * keys: this reads the source to find every namespace such components ask for.
 */

/** Every module the browser loads: the "use client" ones and everything they import. */
function browserModules(): string[] {
  const seen = new Set<string>();
  const queue = ["app", "components", "lib"].flatMap(sourceFiles).filter((file) => /^\s*["']use client["']/.test(readSource(file)));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file).filter((target) => /\.tsx?$/.test(target)));
  }
  return [...seen];
}

describe("the messages the browser gets", () => {
  const modules = browserModules();
  const calls = modules.flatMap((file) => [...readSource(file).matchAll(/useTranslations\(([^)]*)\)/g)].map((match) => ({ file, argument: match[1]!.trim() })));

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
