import { issuerJwks } from "@/lib/credentials/did";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/errors";

/** Credential signing keys, current and retired, as a JWK Set. */
export async function GET(): Promise<Response> {
  try {
    const { keys } = await issuerJwks(await getDb());
    return Response.json({ keys }, { headers: { "Cache-Control": "public, max-age=300" } });
  } catch (error) {
    return errorResponse(error);
  }
}
