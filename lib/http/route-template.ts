import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The route template a request path belongs to (`/kyc/grant/[ocid]`, `/admin/cases/[userId]`),
 * for the request log and metrics: never the raw path, which carries ids and grows without
 * bound. Templates come from the build's app-path routes manifest; without a build (tests,
 * `next dev`), from the app/ directory the build would read them from.
 */
export const UNMATCHED_ROUTE = "(unmatched)";
/** Requests the server refuses before any route is looked up (a bad target, undecodable path). */
export const INVALID_ROUTE = "(invalid)";

type Segment = { kind: 0; text: string } | { kind: 1 } | { kind: 2; optional: boolean };
type Template = { template: string; segments: Segment[] };

function parseSegment(text: string): Segment {
  if (/^\[\[\.\.\..+\]\]$/.test(text)) return { kind: 2, optional: true };
  if (/^\[\.\.\..+\]$/.test(text)) return { kind: 2, optional: false };
  if (/^\[.+\]$/.test(text)) return { kind: 1 };
  return { kind: 0, text };
}

function compile(template: string): Template {
  return { template, segments: template.split("/").filter(Boolean).map(parseSegment) };
}

function fromManifest(root: string): string[] | null {
  const file = path.join(root, ".next", "app-path-routes-manifest.json");
  if (!existsSync(file)) return null;
  return Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
}

/** What the build would list: each page.tsx or route.ts, route groups `(x)` and slots `@x` dropped. */
function fromAppDirectory(root: string): string[] {
  const app = path.join(root, "app");
  if (!existsSync(app)) return [];
  const entries = readdirSync(app, { recursive: true, encoding: "utf8" });
  return entries
    .filter((entry) => /(^|[\\/])(page|route)\.(tsx?|jsx?)$/.test(entry))
    .map((entry) => `/${entry.split(/[\\/]/).slice(0, -1).filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith("@")).join("/")}`);
}

function publicFiles(root: string): string[] {
  const dir = path.join(root, "public");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((entry) => `/${entry.split(path.sep).join("/")}`);
}

export function loadRouteTemplates(root = process.cwd(), extra: readonly string[] = []): Template[] {
  const app = (fromManifest(root) ?? fromAppDirectory(root)).filter((template) => !template.startsWith("/_"));
  const all = new Set([...app, ...publicFiles(root), ...extra, "/_next/static/[...path]", "/_next/image"]);
  return [...all].map(compile);
}

function matches(segments: Segment[], parts: string[]): boolean {
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 2) return segment.optional || parts.length > index;
    const part = parts[index];
    if (part === undefined || (segment.kind === 0 && segment.text !== part)) return false;
  }
  return parts.length === segments.length;
}

/** Static segments beat dynamic ones, and dynamic ones beat catch-alls, position by position, as in Next. */
function moreSpecific(a: Template, b: Template): boolean {
  for (let index = 0; index < Math.max(a.segments.length, b.segments.length); index++) {
    const kindA = a.segments[index]?.kind ?? 3;
    const kindB = b.segments[index]?.kind ?? 3;
    if (kindA !== kindB) return kindA < kindB;
  }
  return false;
}

/** The template `pathname` (no query) falls under, or UNMATCHED_ROUTE. A trailing slash is ignored, as Next redirects it. */
export function routeTemplateOf(templates: readonly Template[], pathname: string): string {
  const parts = pathname.split("/").filter(Boolean);
  let best: Template | null = null;
  for (const candidate of templates) {
    if (matches(candidate.segments, parts) && (!best || moreSpecific(candidate, best))) best = candidate;
  }
  return best?.template ?? UNMATCHED_ROUTE;
}
