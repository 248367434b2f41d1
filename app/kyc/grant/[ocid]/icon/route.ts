import { parseOcid } from "@/lib/consent/grant-request";
import { getDb } from "@/lib/db/client";
import { fetchPartnerIcon, iconResponse } from "@/lib/ocn/partner-icon";
import { resolvePartner } from "@/lib/ocn/partners";

/** GET /kyc/grant/{ocid}/icon: an active partner's metadata icon, served from Attest. */
export async function GET(_request: Request, { params }: { params: Promise<{ ocid: string }> }) {
  const ocid = parseOcid((await params).ocid);
  const partner = ocid === null ? null : await resolvePartner(await getDb(), ocid).catch(() => null);
  const icon = partner?.status === "active" ? await fetchPartnerIcon(partner) : null;
  return icon ? iconResponse(icon) : new Response(null, { status: 404, headers: { "Cache-Control": "no-store" } });
}
