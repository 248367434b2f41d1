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
