import "server-only";

import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

/**
 * Runs once each time the database is opened, after migrations: re-seals identity
 * item values still in the format that did not bind their owner, records the
 * current credential key, loads the demo data set into an empty database
 * (SEED_DEMO) and the sanctions list given at start-up (SANCTIONS_LIST).
 */
export async function afterOpen(db: Db): Promise<void> {
  const env = getEnv();
  // Before anything reads an item: readers accept only values sealed for their owner.
  const { rebindItemValues } = await import("@/lib/items/cipher");
  await rebindItemValues(db);
  const { registerSigningKey } = await import("@/lib/credentials/signing-keys");
  await registerSigningKey(db);
  if (env.seedDemo) {
    const { seedDemoIfEmpty } = await import("@/lib/demo/seed");
    await seedDemoIfEmpty(db);
  }
  if (env.sanctionsList) {
    const { loadSanctionsListFile } = await import("@/lib/screening/sanctions-list");
    if (await loadSanctionsListFile(db, env.sanctionsList)) {
      const { rescreenEveryone } = await import("@/lib/screening/screen");
      await rescreenEveryone(db);
    }
  }
}
