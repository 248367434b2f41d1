import { verifyRequestSchema } from "@/lib/credentials/api-schemas";
import { verifyCredential, VERIFY_COST } from "@/lib/credentials/verify";
import { withApiKey } from "@/lib/credentials/with-api-key";

/** Verify a credential (SPEC §6): 1 credit; an invalid credential is a 200 with its reason. */
export const POST = withApiKey(async ({ db, body }) => Response.json(await verifyCredential(db, body), { headers: { "Cache-Control": "no-store" } }), {
  cost: VERIFY_COST,
  reason: "verify",
  body: verifyRequestSchema,
});
