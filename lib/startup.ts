import "server-only";

import { startIdempotencySweeps } from "@/lib/credentials/idempotency";
import { registerSigningKey } from "@/lib/credentials/signing-keys";
import { getDb, type Db } from "@/lib/db/client";
import { seedDemoIfEmpty } from "@/lib/demo/seed";
import { ConfigError, getEnv, type Env } from "@/lib/env";
import { startDeliveryWorker } from "@/lib/event-delivery/deliver";
import { startExpiryWarnings } from "@/lib/events/expiry-warnings";
import { startExpirySweeps } from "@/lib/item-changes/expiry";
import { rebindItemValues } from "@/lib/items/cipher";
import { getKeys } from "@/lib/keys";
import { getTransport } from "@/lib/mail/transport";
import { loadSanctionsListFile } from "@/lib/screening/sanctions-list";
import { rescreenEveryone } from "@/lib/screening/screen";
import { remember } from "@/lib/state/remember";

/**
 * The composition root: the one place the application is put together, in order, before
 * it takes a request. Nothing else starts anything — opening the database only opens and
 * migrates it — so a script or a test gets exactly the steps it calls and no others.
 *
 * server.ts awaits `startAttest()` before it listens; under `next dev` and `next start`,
 * instrumentation.ts's `register()` does. Both may run in one process (the custom server
 * loads Next, which runs instrumentation too): the start-up is remembered, so it runs once.
 */
export function startAttest(): Promise<void> {
  return remember("startup", start);
}

async function start(): Promise<void> {
  try {
    const env = getEnv();
    getKeys();
    const db = await getDb();
    await prepareDatabase(db, env);
    // Verifications that lapsed while the server was down are expired, and their credentials
    // revoked, before the first request; then hourly.
    await startExpirySweeps(db);
    startIdempotencySweeps(db);
    // Without SMTP_URL the development mailbox starts now, not on the first mail.
    if (!env.smtpUrl) await getTransport();
    // Webhooks and notification emails, from the outbox every instance shares.
    startDeliveryWorker(db);
    startExpiryWarnings(db);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * What the application keeps in a freshly opened database, run on every start (each step
 * does nothing when already done): item values sealed in the format that did not bind their
 * owner are re-sealed before anything reads them; the current credential key is recorded;
 * an empty database gets the demo data (SEED_DEMO); the sanctions list file given at start-up
 * (SANCTIONS_LIST) is loaded, and everyone screened against it, when its content is new.
 */
export async function prepareDatabase(db: Db, env: Env = getEnv()): Promise<void> {
  await rebindItemValues(db);
  await registerSigningKey(db);
  if (env.seedDemo) await seedDemoIfEmpty(db);
  if (env.sanctionsList && (await loadSanctionsListFile(db, env.sanctionsList))) await rescreenEveryone(db);
}
