import { issueRequestSchema } from "@/lib/credentials/api-schemas";
import { principalFromRequest } from "@/lib/credentials/bearer-tokens";
import { principalScope, runIdempotently } from "@/lib/credentials/idempotency";
import { issueCredential } from "@/lib/credentials/issue";
import { enforcePrincipalRateLimit } from "@/lib/credentials/rate-limits";
import { parseBody } from "@/lib/credentials/with-api-key";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/errors";

/** Issue a KYC credential (SPEC §6); accounts pay 10 credits in the same transaction, once per Idempotency-Key. */
export async function POST(request: Request): Promise<Response> {
  try {
    const principal = await principalFromRequest(request);
    const db = await getDb();
    await enforcePrincipalRateLimit(db, principal);
    const body = await parseBody(request, issueRequestSchema);
    const key = request.headers.get("idempotency-key");
    return await runIdempotently(db, { key, scope: principalScope(principal), route: "issue", request: body }, async (save) => ({
      status: 200,
      body: await issueCredential(db, principal, body, save ? (tx, issued) => save(tx, { status: 200, body: issued }) : undefined),
    }));
  } catch (error) {
    return errorResponse(error);
  }
}
