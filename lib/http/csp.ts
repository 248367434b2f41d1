/**
 * The Content-Security-Policy of every page. Scripts run only with the
 * per-request nonce; nothing may frame Attest; forms post only to Attest
 * itself, plus the origins a page explicitly needs to redirect to.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean; formActions?: string[] }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // React sets style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${(options.formActions ?? []).map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
