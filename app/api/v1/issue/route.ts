import { issueRequestSchema } from "@/lib/credentials/api-schemas";
import { principalScope, runIdempotently } from "@/lib/credentials/idempotency";
import { issueCredential } from "@/lib/credentials/issue";
import { withBearer } from "@/lib/credentials/with-bearer";

/** Issue a KYC credential (SPEC §6); accounts pay 10 credits in the same transaction, once per Idempotency-Key. */
export const POST = withBearer(
  async ({ request, db, principal, body }) => {
    const key = request.headers.get("idempotency-key");
    return runIdempotently(db, { key, scope: principalScope(principal), route: "issue", request: body }, async (save) => ({
      status: 200,
      body: await issueCredential(db, principal, body, save ? (tx, issued) => save(tx, { status: 200, body: issued }) : undefined),
    }));
  },
  { body: issueRequestSchema },
);
