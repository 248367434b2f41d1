import "server-only";

import type { DbOrTx } from "@/lib/db/client";
import { sniffUploadType } from "@/lib/documents/file-type";
import { getEnv } from "@/lib/env";
import { validation } from "@/lib/i18n/field-messages";
import { personError } from "@/lib/i18n/person-errors";
import { takeRateLimit } from "@/lib/security/rate-limit";

import { analyseInThread } from "./pool";
import { assessQuality } from "./quality";

/**
 * Each reading costs about a second of the checks thread, which every upload's checks share: a
 * person may try a few photos, not keep it busy.
 */
export const PREFILL_READS = { limit: 6, windowMs: 10 * 60 * 1000 };

/**
 * Reads the MRZ off a passport photo for the form, as its two lines: the form maps them to its
 * fields exactly as it maps a typed zone. The models run in the checks thread, so the server
 * keeps answering others meanwhile; only a zone whose check digits hold is offered.
 */
export async function readPassportMrz(db: DbOrTx, userId: string, bytes: Uint8Array, now = new Date()): Promise<string> {
  if (!getEnv().checks) throw personError("CONFLICT", validation("prefillUnavailable"));
  const { allowed, retryAt } = await takeRateLimit(db, `passport-prefill:${userId}`, { ...PREFILL_READS, now });
  if (!allowed) {
    const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
    throw personError("RATE_LIMITED", validation("prefillRateLimited", { minutes }), { retry_at: retryAt.toISOString() });
  }
  if (!sniffUploadType(bytes)?.startsWith("image/")) throw personError("INVALID_REQUEST", validation("prefillNotImage"), { field: "front" });
  const problems = await assessQuality(bytes, "document");
  if (problems.length > 0) throw personError("INVALID_REQUEST", problems, { field: "front" });
  const { mrz } = await analyseInThread(bytes, "document", { passport: true, today: new Date() });
  if (!mrz?.lines || !mrz.valid || !mrz.fields) {
    throw personError("INVALID_REQUEST", validation("prefillUnreadable"), { field: "front" });
  }
  return mrz.lines.join("\n");
}
