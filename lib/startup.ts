import "server-only";

import { getDb } from "@/lib/db/client";
import { ConfigError, getEnv } from "@/lib/env";
import { getKeys } from "@/lib/keys";
import { getTransport } from "@/lib/mail/transport";

/** Everything the server needs before its first request; exits on bad configuration. */
export async function startAttest(): Promise<void> {
  try {
    const env = getEnv();
    getKeys();
    await getDb();
    if (!env.smtpUrl) await getTransport();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
