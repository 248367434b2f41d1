import { issueRequestSchema } from "@/lib/credentials/api-schemas";
import { principalFromRequest } from "@/lib/credentials/bearer-tokens";
import { issueCredential } from "@/lib/credentials/issue";
import { parseBody } from "@/lib/credentials/with-api-key";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/errors";

/** Issue a KYC credential (SPEC §6); accounts pay 10 credits in the same transaction. */
export async function POST(request: Request): Promise<Response> {
  try {
    const principal = await principalFromRequest(request);
    const body = await parseBody(request, issueRequestSchema);
    const issued = await issueCredential(await getDb(), principal, body);
    return Response.json(issued, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
