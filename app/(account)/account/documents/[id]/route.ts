import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { readDocument } from "@/lib/kyc/document-store";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The owner's own view of an uploaded image or PDF. Anyone else, signed in or not, gets
 * the same 404 as for an id that does not exist: nothing tells them it is there.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });
  if (!user || !UUID.test(id)) return notFound();
  const document = await readDocument(await getDb(), id);
  if (!document || document.userId !== user.id) return notFound();
  return new Response(new Uint8Array(document.bytes), {
    headers: {
      "Content-Type": document.contentType,
      "Content-Disposition": "inline",
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      // A PDF opened on its own must not run scripts in Attest's origin.
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
