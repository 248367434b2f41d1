import { getKeys } from "@/lib/keys";
import { parsePartnerJson, withPartner } from "@/lib/ocn/authenticate";
import { capabilitiesForPartner } from "@/lib/partner-api/capabilities";
import { collectPartnerData, signDataBody } from "@/lib/partner-api/data";
import { dataRequestSchema, validateRequestSchema } from "@/lib/partner-api/schemas";
import { validateForPartner } from "@/lib/partner-api/view";

/**
 * The partner-facing API's handlers (SPEC §4). Next serves them from app/capabilities and
 * app/kyc/{validate,data}; the production server answers the same functions directly
 * (lib/machine-api.ts). Each is the whole of its route: withPartner checks the caller.
 */

/** GET /capabilities: what this provider offers the calling partner. */
export const capabilitiesRoute = withPartner(async ({ partner }) => Response.json(capabilitiesForPartner(partner)));

/** POST /kyc/validate: each requested item's status for the calling partner. */
export const validateRoute = withPartner(
  async ({ partner, db, body, nonce }) => {
    const request = parsePartnerJson(body, validateRequestSchema);
    return Response.json(await validateForPartner(db, partner, request, nonce));
  },
  { nonceInFirstStatement: true },
);

/** POST /kyc/data: the granted items' data, signed by this provider. */
export const dataRoute = withPartner(
  async ({ partner, db, body, nonce }) => {
    const request = parsePartnerJson(body, dataRequestSchema);
    const data = await collectPartnerData(db, partner, request, new Date(), nonce);
    return Response.json(signDataBody(data, getKeys().ocnPrivateKey));
  },
  { nonceInFirstStatement: true },
);
