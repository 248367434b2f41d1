import { parsePartnerJson, withPartner } from "@/lib/ocn/authenticate";
import { validateRequestSchema } from "@/lib/kyc/partner-schemas";
import { validateForPartner } from "@/lib/kyc/partner-view";

/** POST /kyc/validate (SPEC §4): each requested item's status for the calling partner. */
export const POST = withPartner(
  async ({ partner, db, body, nonce }) => {
    const request = parsePartnerJson(body, validateRequestSchema);
    return Response.json(await validateForPartner(db, partner, request, nonce));
  },
  { nonceInFirstStatement: true },
);
