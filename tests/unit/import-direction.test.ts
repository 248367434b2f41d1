import { existsSync } from "node:fs";
import path from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import { importsOf, readSource, ROOT, sourceFiles } from "../support/source-graph";

/**
 * Imports run one way (README, Architecture): app → components → server actions → domain
 * modules → infrastructure; the composition root (start-up, the machine API) is imported by
 * app alone. Read from the source with the TypeScript parser; type-only imports are left
 * out, since they vanish at build time and cannot make a module load another.
 */

/** Shared plumbing: knows no domain. */
const INFRASTRUCTURE = ["lib/db", "lib/http", "lib/security", "lib/audit", "lib/mail", "lib/state", "lib/env.ts", "lib/keys.ts"];
/** Puts the application together (start-up, the machine API the server answers): may import any of lib. */
const COMPOSITION = ["lib/startup.ts", "lib/machine-api.ts"];
/** The entry points Node and Next load; they sit with app. */
const ENTRY_POINTS = ["server.ts", "proxy.ts", "instrumentation.ts"];
/**
 * Domain vocabularies the database schema is made of (its enums), each importing nothing of
 * ours: the one way infrastructure may reach into a domain module.
 */
const VOCABULARIES: Record<string, string[]> = { "lib/db/schema.ts": ["lib/items/items.ts", "lib/auth/roles.ts"] };

type Layer = "app" | "components" | "actions" | "composition" | "domain" | "infrastructure";
const RANK: Record<Layer, number> = { app: 5, components: 4, actions: 3, composition: 3, domain: 2, infrastructure: 1 };

const within = (file: string, prefixes: string[]) => prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix}/`));

/** A server action module ("use server" at the top): what a client component calls on the server. */
function isActions(file: string): boolean {
  const source = ts.createSourceFile(file, readSource(file), ts.ScriptTarget.Latest, false);
  const first = source.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
}

function layerOf(file: string): Layer {
  if (file.startsWith("app/")) return isActions(file) ? "actions" : "app";
  if (ENTRY_POINTS.includes(file)) return "app";
  if (file.startsWith("components/")) return "components";
  if (within(file, COMPOSITION)) return "composition";
  if (within(file, INFRASTRUCTURE)) return "infrastructure";
  return "domain";
}

/** A domain module is a folder of lib (lib/items, lib/partner-api, …). */
const moduleOf = (file: string) => file.split("/").slice(0, 2).join("/");

const files = [...["app", "components", "lib"].flatMap(sourceFiles), ...ENTRY_POINTS.filter((file) => existsSync(path.join(ROOT, file)))];
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const layers = new Map(files.map((file) => [file, layerOf(file)]));
const layer = (file: string) => layers.get(file) ?? layerOf(file);

/** Strongly connected components of more than one node (or a node importing itself): Tarjan's algorithm. */
function cycles(nodes: Iterable<string>, edges: (node: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges(node)) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges(node).includes(node)) found.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) connect(node);
  return found;
}

describe("import direction", () => {
  it("reads the whole tree", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("server.ts")).toContain("lib/startup.ts");
  });

  it("has no import circle between files", () => {
    const found = cycles(graph.keys(), (file) => graph.get(file) ?? []);
    expect(found.map((members) => `circle: ${members.join(" → ")}`)).toEqual([]);
  });

  it("has no import circle between domain modules", () => {
    const modules = new Map<string, Set<string>>();
    for (const [file, targets] of graph) {
      if (layer(file) !== "domain") continue;
      const from = moduleOf(file);
      for (const target of targets) {
        if (layer(target) === "domain" && moduleOf(target) !== from) (modules.get(from) ?? modules.set(from, new Set()).get(from)!).add(moduleOf(target));
      }
    }
    const witnesses = (members: string[]) =>
      [...graph].flatMap(([file, targets]) =>
        members.includes(moduleOf(file)) ? targets.filter((target) => members.includes(moduleOf(target)) && moduleOf(target) !== moduleOf(file)).map((target) => `${file} → ${target}`) : [],
      );
    const found = cycles(modules.keys(), (module) => [...(modules.get(module) ?? [])]);
    expect(found.map((members) => `modules ${members.join(" ⇄ ")} import each other: ${witnesses(members).join("; ")}`)).toEqual([]);
  });

  it("imports only downward: app → components → actions → domain → infrastructure; nothing in lib imports app", () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => {
          if (VOCABULARIES[file]?.includes(target)) return false;
          const [from, to] = [layer(file), layer(target)];
          if (to === "composition") return from !== "app" && from !== "composition";
          return from !== to && RANK[to] >= RANK[from];
        })
        .map((target) => `${file} (${layer(file)}) imports ${target} (${layer(target)})`),
    );
    expect(upward).toEqual([]);
  });

  it("keeps the vocabularies the schema uses free of imports", () => {
    for (const vocabulary of Object.values(VOCABULARIES).flat()) expect(graph.get(vocabulary), vocabulary).toEqual([]);
  });
});
