/**
 * How Attest serves a person's uploaded document, from every route that does
 * (/kyc/documents for partners, /admin/documents for staff, /account/documents for
 * the owner). An upload is the uploader's bytes: a "PDF" can carry HTML and script, and
 * a browser may be talked into rendering it in Attest's origin. So every answer, errors
 * included, forbids everything (no script, no subresource, a sandbox with a unique
 * origin), types come from an allow-list and are never sniffed, and PDFs are downloaded,
 * not rendered inline. These routes are outside the page proxy, which would replace
 * the policy with the pages' own.
 */
export const DOCUMENT_POLICY = "default-src 'none'; sandbox";

export const DOCUMENT_HEADERS = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": DOCUMENT_POLICY,
} as const;

// Images a browser may show inline; PDFs are served, but only as a download.
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);
const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "application/pdf": "pdf" };

export function documentResponse(document: { bytes: Uint8Array; contentType: string }): Response {
  const known = document.contentType in EXTENSIONS;
  const contentType = known ? document.contentType : "application/octet-stream";
  const disposition = INLINE_TYPES.has(contentType) ? "inline" : `attachment; filename="document.${EXTENSIONS[contentType] ?? "bin"}"`;
  return new Response(new Uint8Array(document.bytes), {
    headers: { ...DOCUMENT_HEADERS, "Content-Type": contentType, "Content-Length": String(document.bytes.byteLength), "Content-Disposition": disposition },
  });
}
