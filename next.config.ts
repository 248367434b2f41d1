import type { NextConfig } from "next";

/** Headers every response carries; the per-request CSP with its nonce, and HSTS, are set in proxy.ts at run time. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // "same-origin", not "no-referrer": Chrome sends `Origin: null` on form posts under no-referrer, which
  // would make server actions posted before hydration fail; cross-origin requests still get no referrer.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Loaded by Node at run time, not bundled: WebAssembly, native sockets, file-system assets.
  serverExternalPackages: ["@electric-sql/pglite", "tiny-secp256k1", "smtp-server", "nodemailer", "mailparser", "postgres", "pngjs"],
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*", "./db/seed/**/*"] },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
