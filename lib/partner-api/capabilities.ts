import "server-only";

import { capabilitiesResponseSchema } from "@/lib/partner-api/schemas";
import { ITEMS } from "@/lib/items/items";
import { CAPABILITIES } from "@/lib/ocn/metadata";
import type { Partner } from "@/lib/ocn/partners";
import { providerMetadata, providerOcid } from "@/lib/ocn/provider";

/** The twelve items narrowed to the grants staff allowed this partner, in the canonical order. */
export function capabilitiesForPartner(partner: Pick<Partner, "allowedGrants">) {
  const allowed = new Set(partner.allowedGrants);
  return capabilitiesResponseSchema.parse({
    ocid: providerOcid(),
    name: providerMetadata().name,
    capabilities: [...CAPABILITIES],
    supported_grants: ITEMS.filter((item) => allowed.has(item)),
  });
}
