import "server-only";

import { getDb } from "@/lib/db/client";
import { DOCUMENT_HEADERS, documentResponse } from "@/lib/http/document-response";
import { AppError, errorResponse } from "@/lib/http/errors";
import { readDocument } from "@/lib/documents/store";
import { verifyDocumentUrl } from "@/lib/documents/urls";


/** The decrypted file behind a valid signed URL; 403 for a forged or expired one. */
export async function serveDocument(p: { id: string; exp: string | null; sig: string | null }): Promise<Response> {
  try {
    if (!verifyDocumentUrl(p)) throw new AppError("DOCUMENT_URL_INVALID", "This document link is invalid or has expired.");
    const document = await readDocument(await getDb(), p.id);
    if (!document) throw new AppError("NOT_FOUND", "This document no longer exists.");
    return documentResponse(document);
  } catch (error) {
    return errorResponse(error, DOCUMENT_HEADERS);
  }
}
