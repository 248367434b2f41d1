import { verifyRequestSchema } from "@/lib/credentials/api-schemas";
import { verifyCredential, VERIFY_COST } from "@/lib/credentials-api/verify";
import { withApiKey } from "@/lib/credentials/with-api-key";

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
