import { NextResponse, type NextRequest } from "next/server";

import { getEnv } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/http/csp";
import { strictTransportSecurity } from "@/lib/http/security-headers";
import { ENGLISH_ONLY_HEADER, isEnglishOnlyPath } from "@/lib/i18n/locales";

/**
 * Gives each page request a fresh CSP nonce. The machine APIs (OCN, the
 * Credentials API, auth callbacks) are excluded by the matcher: they return
 * JSON and sit on the hot path. So are partner icons and document files,
 * which carry their own sandboxing policy (lib/http/document-response.ts).
 */
export function proxy(request: NextRequest) {
  const env = getEnv();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
    https: env.publicUrl.protocol === "https:",
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  headers.delete(ENGLISH_ONLY_HEADER);
  if (isEnglishOnlyPath(request.nextUrl.pathname)) headers.set(ENGLISH_ONLY_HEADER, "1");
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  const hsts = strictTransportSecurity(env);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|metadata.json|capabilities|kyc/validate|kyc/data|kyc/documents|admin/documents/|account/documents/|openapi.json|\\.well-known|demo/gateway/metadata.json|demo/gateway/icon.svg|kyc/grant/[0-9]+/icon$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
