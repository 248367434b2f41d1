import { issueRequestSchema, verifyRequestSchema } from "@/lib/credentials/api-schemas";
import { principalScope, runIdempotently } from "@/lib/credentials/idempotency";
import { issueCredential } from "@/lib/credentials/issue";
import { verifyCredential, VERIFY_COST } from "@/lib/credentials-api/verify";
import { withApiKey } from "@/lib/credentials/with-api-key";
import { withBearer } from "@/lib/credentials/with-bearer";

/**
 * The Credentials API handlers the production server answers directly (lib/machine-api.ts)
 * as well as Next (app/api/v1/…): the hot ones, kept out of app/ so lib need not import it.
 */

/** POST /api/v1/verify (SPEC §6): 1 credit; an invalid credential is a 200 with its reason. */
export const verifyRoute = withApiKey(async ({ db, body }) => Response.json(await verifyCredential(db, body), { headers: { "Cache-Control": "no-store" } }), {
  cost: VERIFY_COST,
  reason: "verify",
  body: verifyRequestSchema,
});

/** POST /api/v1/issue (SPEC §6): accounts pay 10 credits in the same transaction, once per Idempotency-Key. */
export const issueRoute = withBearer(
  async ({ request, db, principal, body }) => {
    const key = request.headers.get("idempotency-key");
    return runIdempotently(db, { key, scope: principalScope(principal), route: "issue", request: body }, async (save) => ({
      status: 200,
      body: await issueCredential(db, principal, body, save ? (tx, issued) => save(tx, { status: 200, body: issued }) : undefined),
    }));
  },
  { body: issueRequestSchema },
);
