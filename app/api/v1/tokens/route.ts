import { withSession } from "@/lib/auth/guards";
import { mintBearerToken, type Principal } from "@/lib/credentials/bearer-tokens";
import { principalScope, runIdempotently } from "@/lib/credentials/idempotency";
import { withApiKey } from "@/lib/credentials/with-api-key";
import { getDb, type Db } from "@/lib/db/client";

/**
 * A short-lived bearer token for `POST /api/v1/issue`: for the API account of
 * the `X-API-Key` (the API-key guard: 401, 429), or, without a key, for the person signed in
 * to this browser (the session guard: 401). With an Idempotency-Key, a retry gets the same
 * token back.
 */
async function tokenFor(request: Request, db: Db, principal: Principal): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  return runIdempotently(db, { key, scope: principalScope(principal), route: "tokens", request: null }, async () => {
    const { token, expiresIn } = await mintBearerToken(principal);
    return { status: 200, body: { token, token_type: "Bearer", expires_in: expiresIn } };
  });
}

const forAccount = withApiKey(({ request, db, account }) => tokenFor(request, db, { kind: "account", accountId: account.id }), { cost: 0, reason: "token" });
const forPerson = withSession(async ({ request, user }) => tokenFor(request, await getDb(), { kind: "user", userId: user.id }));

export async function POST(request: Request): Promise<Response> {
  return request.headers.has("x-api-key") ? forAccount(request) : forPerson(request);
}
