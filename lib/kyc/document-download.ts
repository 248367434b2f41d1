import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError, errorResponse } from "@/lib/http/errors";
import { readDocument } from "@/lib/kyc/document-store";
import { verifyDocumentUrl } from "@/lib/kyc/document-urls";

const NO_STORE = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
// Stored types come from the upload check; anything else is served as opaque bytes.
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "application/pdf"]);

/** The decrypted file behind a valid signed URL; 403 for a forged or expired one. */
export async function serveDocument(p: { id: string; exp: string | null; sig: string | null }): Promise<Response> {
  try {
    if (!verifyDocumentUrl(p)) throw new AppError("DOCUMENT_URL_INVALID", "This document link is invalid or has expired.");
    const document = await readDocument(await getDb(), p.id);
    if (!document) throw new AppError("NOT_FOUND", "This document no longer exists.");
    const contentType = IMAGE_TYPES.has(document.contentType) ? document.contentType : "application/octet-stream";
    return new Response(new Uint8Array(document.bytes), {
      headers: { ...NO_STORE, "Content-Type": contentType, "Content-Length": String(document.bytes.length), "Content-Disposition": "inline" },
    });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}
