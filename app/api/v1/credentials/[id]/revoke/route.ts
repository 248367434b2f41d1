import { credentialIdSchema } from "@/lib/credentials/api-schemas";
import { revokeIssuedCredential } from "@/lib/credentials/manage";
import { withBearer } from "@/lib/credentials/with-bearer";
import { AppError } from "@/lib/http/errors";

/** Revocation by the API account that issued the credential (SPEC §6). */
export const POST = withBearer<undefined, { id: string }>(async ({ db, principal, params: { id } }) => {
  if (!credentialIdSchema.safeParse(id).success) throw new AppError("NOT_FOUND", "No credential with this id was issued by your account");
  return Response.json(await revokeIssuedCredential(db, principal, id));
});
