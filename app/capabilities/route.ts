import { capabilitiesForPartner } from "@/lib/partner-api/capabilities";
import { withPartner } from "@/lib/ocn/authenticate";

/** GET /capabilities (SPEC §4): what this provider offers the calling partner. */
export const GET = withPartner(async ({ partner }) => Response.json(capabilitiesForPartner(partner)));
