import "server-only";

import { and, isNull, ne } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { signingKeys } from "@/lib/db/schema";
import { getKeys } from "@/lib/keys";

/**
 * Every credential key Attest has signed with stays on record, so tokens
 * issued before a key rotation still verify; the current key is the one
 * configured now, and any other becomes retired.
 */
export async function registerSigningKey(db: Db): Promise<void> {
  const { kid, publicKeyPem } = getKeys().credential;
  await db.transaction(async (tx) => {
    await tx.insert(signingKeys).values({ kid, publicKeyPem }).onConflictDoUpdate({ target: signingKeys.kid, set: { retiredAt: null } });
    await tx
      .update(signingKeys)
      .set({ retiredAt: new Date() })
      .where(and(ne(signingKeys.kid, kid), isNull(signingKeys.retiredAt)));
  });
}
