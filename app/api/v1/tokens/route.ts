import { authenticateApiKey } from "@/lib/credentials/accounts";
import { mintBearerToken, type Principal } from "@/lib/credentials/bearer-tokens";
import { getDb } from "@/lib/db/client";
import { AppError, errorResponse } from "@/lib/http/errors";

/**
 * A short-lived bearer token for `POST /api/v1/issue`: for the API account of
 * the `X-API-Key`, or, without a key, for the person signed in to this browser.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const principal = await principalFor(request);
    const { token, expiresIn } = await mintBearerToken(principal);
    return Response.json({ token, token_type: "Bearer", expires_in: expiresIn }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

async function principalFor(request: Request): Promise<Principal> {
  const presented = request.headers.get("x-api-key");
  if (presented !== null) {
    const account = await authenticateApiKey(await getDb(), presented.trim());
    if (!account) throw new AppError("UNAUTHORIZED", "Send a valid API key in the X-API-Key header");
    return { kind: "account", accountId: account.id };
  }
  // Loaded only on this path: the session machinery is not needed by API clients.
  const { currentUser } = await import("@/lib/auth/session");
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Send an API key in the X-API-Key header, or sign in");
  return { kind: "user", userId: user.id };
}
