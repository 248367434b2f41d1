import { didDocument } from "@/lib/credentials/did";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/errors";

/** The issuer's did:web document: current and retired credential keys. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await didDocument(await getDb()), {
      headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=300" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
