import "server-only";

import { startIdempotencySweeps } from "@/lib/credentials/idempotency";
import { getDb } from "@/lib/db/client";
import { ConfigError, getEnv } from "@/lib/env";
import { getKeys } from "@/lib/keys";
import { startExpirySweeps } from "@/lib/item-changes/expiry";
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
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
