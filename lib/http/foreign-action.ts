import { MACHINE_PATHS } from "@/lib/http/machine-routes";

/**
 * A browser form or server action posted to Attest's pages from another
 * origin. Next refuses server actions whose Origin does not match, but with a
 * 500 and a logged stack; Attest answers 403 before Next sees them. The origin
 * that counts is PUBLIC_URL's, which no request can choose. The machine APIs
 * under /api/ and the OCN routes authenticate their callers themselves.
 */
export function isForeignFormPost(
  request: { method?: string; path: string; headers: { "next-action"?: string | string[]; origin?: string } },
  publicOrigin: string,
): boolean {
  if (request.method !== "POST" || request.path.startsWith("/api/") || MACHINE_PATHS.has(request.path)) return false;
  const { origin } = request.headers;
  // Browsers send Origin with every POST; only a server action without one is suspect.
  if (origin === undefined) return request.headers["next-action"] !== undefined;
  return origin !== publicOrigin;
}
