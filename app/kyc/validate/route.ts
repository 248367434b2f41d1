import { parsePartnerJson, withPartner } from "@/lib/ocn/authenticate";
import { validateRequestSchema } from "@/lib/partner-api/schemas";
import { validateForPartner } from "@/lib/partner-api/view";

/** POST /kyc/validate (SPEC §4): each requested item's status for the calling partner. */
export const POST = withPartner(
  async ({ partner, db, body, nonce }) => {
    const request = parsePartnerJson(body, validateRequestSchema);
    return Response.json(await validateForPartner(db, partner, request, nonce));
  },
  { nonceInFirstStatement: true },
);
