import { z } from "zod";

import { ITEMS } from "@/lib/items/items";

/** A revoke button's form, shared with the server action: one item, or none for "everything". */
export const revokeFormSchema = z.object({
  partnerOcid: z.coerce.number().int().positive().max(2_147_483_647),
  item: z.enum(ITEMS).optional(),
});

/** Sharing one denied or revoked item again. */
export const regrantFormSchema = revokeFormSchema.required({ item: true });
