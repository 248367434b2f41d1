import { AppError } from "@/lib/http/errors";

/**
 * Request targets Next cannot take: `*` (OPTIONS *, GET *) and other forms that are not a
 * path crash its router, and a path whose percent-encoding does not decode crashes its
 * matcher, each with a bare 500. The server answers these itself, before Next sees them.
 */
export type Target = { path: string; url: string };

/**
 * The path and the origin-form URL of a request target, or INVALID_REQUEST. An absolute-form
 * target (`http://host/path`, which servers must accept, RFC 9112 §3.2.2) is turned into the
 * origin form Next expects; the authority it names is ignored like Host is.
 */
export function readTarget(target: string): Target {
  let url = target;
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (absolute) url = target.slice(absolute[0].length) || "/";
  if (url.startsWith("?")) url = `/${url}`;
  if (!url.startsWith("/")) throw new AppError("INVALID_REQUEST", "The request target must be a path.");
  const path = url.split("?", 1)[0]!;
  try {
    decodeURIComponent(path);
  } catch {
    throw new AppError("INVALID_REQUEST", "The request path has percent-encoding that does not decode.");
  }
  return { path, url };
}

/** A path as a sloppy client may have meant it: decoded, slashes collapsed, no trailing slash, lower case. */
function canonicalPath(path: string): string {
  const collapsed = decodeURIComponent(path).replace(/\/+/g, "/").toLowerCase();
  return collapsed.length > 1 ? collapsed.replace(/\/$/, "") : collapsed;
}

export type NearMiss = { error: AppError; canonical: string; allow?: string };

/**
 * A request meant for one of `routes` ("METHOD /path") that does not name it exactly: another
 * spelling of the path (`//kyc/validate`, `/kyc/validate/`), answered 404 with the path to use,
 * or another method, answered 405 with Allow. Next would answer these with a redirect or an
 * empty 405, unsigned, where an OCN caller expects a signed envelope. HEAD on a GET route is
 * not a miss: Next answers it.
 */
export function nearMiss(method: string, path: string, routes: Iterable<string>): NearMiss | null {
  const canonical = canonicalPath(path);
  const methods = [...routes].filter((route) => route.split(" ")[1] === canonical).map((route) => route.split(" ")[0]!);
  if (methods.length === 0) return null;
  if (path !== canonical) return { error: new AppError("NOT_FOUND", `No endpoint is at this path; the one you may mean is ${canonical}.`), canonical };
  if (methods.includes(method) || (method === "HEAD" && methods.includes("GET"))) return null;
  const allow = methods.join(", ");
  return { error: new AppError("METHOD_NOT_ALLOWED", `${canonical} accepts ${allow} only.`), canonical, allow };
}
