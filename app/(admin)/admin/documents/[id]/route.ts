import { z } from "zod";

import { staffOrNull } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { DOCUMENT_HEADERS, documentResponse } from "@/lib/http/document-response";
import { AppError, errorResponse } from "@/lib/http/errors";
import { readDocument } from "@/lib/documents/store";
import { recordStaffAccess } from "@/lib/review/staff-access";

/** Document images for the case page: staff only, never cached by anyone. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const staff = await staffOrNull("console.view");
    if (!staff) throw new AppError("NOT_FOUND", "No such document.");
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw new AppError("NOT_FOUND", "No such document.");
    const db = await getDb();
    const document = await readDocument(db, id.data);
    if (!document) throw new AppError("NOT_FOUND", "No such document.");
    await recordStaffAccess(db, staff.id, { what: "document", subjectUserId: document.userId, documentId: id.data, item: document.item });
    return documentResponse(document);
  } catch (error) {
    return errorResponse(error, DOCUMENT_HEADERS);
  }
}
