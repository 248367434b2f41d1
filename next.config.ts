import type { NextConfig } from "next";

import { SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Loaded by Node at run time, not bundled: WebAssembly, native sockets, file-system assets.
  serverExternalPackages: ["@electric-sql/pglite", "tiny-secp256k1", "smtp-server", "nodemailer", "mailparser", "postgres", "pngjs"],
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*", "./db/seed/**/*"] },
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
