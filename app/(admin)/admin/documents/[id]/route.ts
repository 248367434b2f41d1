import { z } from "zod";

import { withStaff } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { DOCUMENT_HEADERS, documentResponse } from "@/lib/http/document-response";
import { AppError } from "@/lib/http/errors";
import { readDocument } from "@/lib/documents/store";
import { recordStaffAccess } from "@/lib/review/staff-access";

/** Document images for the case page: staff only, never cached by anyone. */
export const GET = withStaff<{ id: string }>(
  "console.view",
  async ({ user, params }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw new AppError("NOT_FOUND", "No such document.");
    const db = await getDb();
    const document = await readDocument(db, id.data);
    if (!document) throw new AppError("NOT_FOUND", "No such document.");
    await recordStaffAccess(db, user.id, { what: "document", subjectUserId: document.userId, documentId: id.data, item: document.item });
    return documentResponse(document);
  },
  { headers: DOCUMENT_HEADERS },
);
