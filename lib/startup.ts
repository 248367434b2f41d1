import "server-only";

import { analyseInThread } from "@/lib/checks/pool";
import { startChecksWorker } from "@/lib/checks/queue";
import { startIdempotencySweeps } from "@/lib/credentials/idempotency";
import { getDb } from "@/lib/db/client";
import { ConfigError, getEnv } from "@/lib/env";
import { getKeys } from "@/lib/keys";
import { startExpirySweeps } from "@/lib/kyc/expire-items";
import { getTransport } from "@/lib/mail/transport";

/** Everything the server needs before its first request, and its periodic jobs; exits on bad configuration. */
export async function startAttest(): Promise<void> {
  try {
    const env = getEnv();
    getKeys();
    const db = await getDb();
    if (!env.smtpUrl) await getTransport();
    // Verifications that lapsed while the server was down are expired, and their credentials
    // revoked, before the first request; then hourly.
    await startExpirySweeps(db);
    startIdempotencySweeps(db);
    // The models load in the checks thread on the first job, not here: a start-up stays fast.
    if (env.checks) startChecksWorker(db, analyseInThread);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
