import { z } from "zod";

import { withSession } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { DOCUMENT_HEADERS, documentResponse } from "@/lib/http/document-response";
import { readDocument } from "@/lib/documents/store";
import { AppError } from "@/lib/http/errors";

/**
 * The owner's own view of an uploaded image or PDF. Anyone else signed in gets the same 404
 * as for an id that does not exist: nothing tells them it is there.
 */
export const GET = withSession<{ id: string }>(
  async ({ user, params }) => {
    const id = z.uuid().safeParse(params.id);
    const document = id.success ? await readDocument(await getDb(), id.data) : null;
    if (!document || document.userId !== user.id) throw new AppError("NOT_FOUND", "No such document.");
    return documentResponse(document);
  },
  { headers: DOCUMENT_HEADERS },
);
