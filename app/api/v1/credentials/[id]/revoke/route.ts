import { credentialIdSchema } from "@/lib/credentials/api-schemas";
import { principalFromRequest } from "@/lib/credentials/bearer-tokens";
import { revokeIssuedCredential } from "@/lib/credentials/manage";
import { enforcePrincipalRateLimit } from "@/lib/credentials/rate-limits";
import { getDb } from "@/lib/db/client";
import { AppError, errorResponse } from "@/lib/http/errors";

/** Revocation by the API account that issued the credential (SPEC §6). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const principal = await principalFromRequest(request);
    const db = await getDb();
    await enforcePrincipalRateLimit(db, principal);
    const { id } = await params;
    if (!credentialIdSchema.safeParse(id).success) throw new AppError("NOT_FOUND", "No credential with this id was issued by your account");
    return Response.json(await revokeIssuedCredential(db, principal, id));
  } catch (error) {
    return errorResponse(error);
  }
}
