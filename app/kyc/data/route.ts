import { getKeys } from "@/lib/keys";
import { collectPartnerData, signDataBody } from "@/lib/partner-api/data";
import { dataRequestSchema } from "@/lib/partner-api/schemas";
import { parsePartnerJson, withPartner } from "@/lib/ocn/authenticate";

/** POST /kyc/data (SPEC §4): the granted items' data, signed by this provider. */
export const POST = withPartner(async ({ partner, db, body }) => {
  const request = parsePartnerJson(body, dataRequestSchema);
  const data = await collectPartnerData(db, partner, request);
  return Response.json(signDataBody(data, getKeys().ocnPrivateKey));
});
