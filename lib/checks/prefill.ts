import "server-only";

import type { DbOrTx } from "@/lib/db/client";
import { sniffUploadType } from "@/lib/documents/file-type";
import type { MrzFields } from "@/lib/documents/mrz";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { mrzCountryToAlpha2 } from "@/lib/items/countries";
import { takeRateLimit } from "@/lib/security/rate-limit";

import { analyseInThread } from "./pool";
import { assessQuality } from "./quality";

/** The passport form's fields, as read from the photo page: the person checks them and uploads, never retypes. */
export type PassportPrefill = { mrz: string; number: string | null; country: string | null; expires_at: string | null };

/** MRZ fields → the passport form's fields. */
export function prefillFromMrz(lines: [string, string], fields: MrzFields): PassportPrefill {
  return {
    mrz: lines.join("\n"),
    number: fields.documentNumber?.replace(/</g, "") || null,
    country: fields.issuingCountry ? mrzCountryToAlpha2(fields.issuingCountry) : null,
    expires_at: fields.expirationDate,
  };
}

/**
 * Each reading costs about a second of the checks thread, which every upload's checks share: a
 * person may try a few photos, not keep it busy.
 */
export const PREFILL_READS = { limit: 6, windowMs: 10 * 60 * 1000 };

/**
 * Reads the MRZ off a passport photo for the form. The models run in the checks thread, so the
 * server keeps answering others meanwhile; only a zone whose check digits hold is offered.
 */
export async function readPassportPrefill(db: DbOrTx, userId: string, bytes: Uint8Array, now = new Date()): Promise<PassportPrefill> {
  if (!getEnv().checks) throw new AppError("CONFLICT", "Reading the photo is not available here: type the details instead.");
  const { allowed, retryAt } = await takeRateLimit(db, `passport-prefill:${userId}`, { ...PREFILL_READS, now });
  if (!allowed) {
    const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
    throw new AppError("RATE_LIMITED", `Several photos were read already. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or type the details.`, {
      retry_at: retryAt.toISOString(),
    });
  }
  if (!sniffUploadType(bytes)?.startsWith("image/")) throw new AppError("INVALID_REQUEST", "Choose a JPEG or PNG photo of the passport's photo page.", { field: "front" });
  const { problems } = await assessQuality(bytes, "document");
  if (problems.length > 0) throw new AppError("INVALID_REQUEST", `${problems.join(". ")}.`, { field: "front" });
  const { mrz } = await analyseInThread(bytes, "document", { passport: true, today: new Date() });
  if (!mrz?.lines || !mrz.valid || !mrz.fields) {
    throw new AppError("INVALID_REQUEST", "The machine-readable zone could not be read from this photo: photograph the whole page, flat and in focus, or type the details.", { field: "front" });
  }
  return prefillFromMrz(mrz.lines, mrz.fields);
}
