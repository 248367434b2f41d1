import type { NextConfig } from "next";

import { SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // NextRequest otherwise rewrites any 127.x.x.x or [::1] in a request's URL to "localhost",
  // so with a loopback PUBLIC_URL Auth.js and route handlers would see another origin.
  skipProxyUrlNormalize: true,
  // Loaded by Node at run time, not bundled: WebAssembly, native sockets, file-system assets.
  serverExternalPackages: ["@electric-sql/pglite", "tiny-secp256k1", "smtp-server", "nodemailer", "mailparser", "postgres", "pngjs", "@resvg/resvg-wasm", "bwip-js", "sharp", "tesseract.js", "@vladmandic/human", "@tensorflow/tfjs-backend-wasm"],
  experimental: {
    // Document uploads: up to 10 MB per file, front and back in one form (SPEC §3).
    // The proxy buffers the same body for its CSP nonce, so its limit has to match.
    serverActions: { bodySizeLimit: "21mb" },
    proxyClientMaxBodySize: "21mb",
  },
  outputFileTracingIncludes: {
    "/*": ["./db/migrations/**/*", "./db/seed/**/*", "./lib/specimens/templates/*.svg", "./node_modules/geist/dist/fonts/**/*.ttf", "./node_modules/@resvg/resvg-wasm/index_bg.wasm"],
  },
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
