import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { DOCUMENT_HEADERS, documentResponse } from "@/lib/http/document-response";
import { readDocument } from "@/lib/documents/store";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The owner's own view of an uploaded image or PDF. Anyone else, signed in or not, gets
 * the same 404 as for an id that does not exist: nothing tells them it is there.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  const notFound = () => new Response("Not found", { status: 404, headers: DOCUMENT_HEADERS });
  if (!user || !UUID.test(id)) return notFound();
  const document = await readDocument(await getDb(), id);
  if (!document || document.userId !== user.id) return notFound();
  return documentResponse(document);
}
