import { authenticateApiKey } from "@/lib/credentials/accounts";
import { mintBearerToken, type Principal } from "@/lib/credentials/bearer-tokens";
import { principalScope, runIdempotently } from "@/lib/credentials/idempotency";
import { enforceAccountRateLimit } from "@/lib/credentials/rate-limits";
import { getDb } from "@/lib/db/client";
import { AppError, errorResponse } from "@/lib/http/errors";

/**
 * A short-lived bearer token for `POST /api/v1/issue`: for the API account of
 * the `X-API-Key`, or, without a key, for the person signed in to this browser. With an
 * Idempotency-Key, a retry gets the same token back.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const principal = await principalFor(request);
    const key = request.headers.get("idempotency-key");
    return await runIdempotently(await getDb(), { key, scope: principalScope(principal), route: "tokens", request: null }, async () => {
      const { token, expiresIn } = await mintBearerToken(principal);
      return { status: 200, body: { token, token_type: "Bearer", expires_in: expiresIn } };
    });
  } catch (error) {
    return errorResponse(error);
  }
}

async function principalFor(request: Request): Promise<Principal> {
  const presented = request.headers.get("x-api-key");
  if (presented !== null) {
    const account = await authenticateApiKey(await getDb(), presented.trim());
    if (!account) throw new AppError("UNAUTHORIZED", "Send a valid API key in the X-API-Key header");
    await enforceAccountRateLimit(await getDb(), account);
    return { kind: "account", accountId: account.id };
  }
  // Loaded only on this path: the session machinery is not needed by API clients.
  const { currentUser } = await import("@/lib/auth/session");
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Send an API key in the X-API-Key header, or sign in");
  return { kind: "user", userId: user.id };
}
