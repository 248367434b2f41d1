/**
 * Headers every response carries (next.config.ts applies them to Next's
 * routes, server.ts to the machine routes it serves itself). The per-request
 * CSP with its nonce, and HSTS, are set in proxy.ts at run time.
 */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // "same-origin", not "no-referrer": Chrome sends `Origin: null` on form posts under no-referrer, which
  // would make server actions posted before hydration fail; cross-origin requests still get no referrer.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=()" },
] as const;

export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * HSTS, decided at run time (a build made for one deployment must not decide it for another):
 * always in production, and outside it whenever PUBLIC_URL is https, which is how a deployment
 * behind a TLS-terminating proxy looks. Browsers ignore the header on plain-http answers.
 */
export function strictTransportSecurity(env: { production: boolean; publicUrl: URL }): string | null {
  return env.production || env.publicUrl.protocol === "https:" ? STRICT_TRANSPORT_SECURITY : null;
}

/** SECURITY_HEADERS plus HSTS when it applies, for answers that do not pass through proxy.ts. */
export function runtimeSecurityHeaders(env: { production: boolean; publicUrl: URL }): Record<string, string> {
  const headers: Record<string, string> = Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value]));
  const hsts = strictTransportSecurity(env);
  if (hsts) headers["Strict-Transport-Security"] = hsts;
  return headers;
}
