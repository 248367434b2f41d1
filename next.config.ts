import type { NextConfig } from "next";

const production = process.env.NODE_ENV === "production" && process.env.ATTEST_ENV === "production";

/** Headers every response carries; the per-request CSP with its nonce is set in proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=()" },
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Loaded by Node at run time, not bundled: WebAssembly, native sockets, file-system assets.
  serverExternalPackages: ["@electric-sql/pglite", "tiny-secp256k1", "smtp-server", "nodemailer", "mailparser", "postgres", "pngjs"],
  experimental: {
    // Document uploads: up to 10 MB per file, front and back in one form (SPEC §3, issue 4).
    // The proxy buffers the same body for its CSP nonce, so its limit has to match.
    serverActions: { bodySizeLimit: "21mb" },
    proxyClientMaxBodySize: "21mb",
  },
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*", "./db/seed/**/*"] },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
