import "server-only";

import { createHmac, randomInt } from "node:crypto";

import { eq } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { revokeCredentialsRelyingOn } from "@/lib/item-changes/relying-credentials";
import type { Db } from "@/lib/db/client";
import { phoneCodes, users } from "@/lib/db/schema";
import type { Translatable } from "@/lib/http/errors";
import { issueTranslatable, validation } from "@/lib/i18n/field-messages";
import { localeOr, translatorFor } from "@/lib/i18n/messages";
import { personError } from "@/lib/i18n/person-errors";
import { getKeys } from "@/lib/keys";
import { getItem, writeItem } from "@/lib/items/store";
import { getSmsProvider } from "@/lib/phone/sms";
import { phoneSchema } from "@/lib/items/values";
import { secretsEqual } from "@/lib/security/compare";
import { blindIndex, decryptText, encryptText } from "@/lib/security/encryption";
import { takeRateLimit } from "@/lib/security/rate-limit";

/** SPEC §3: 6 digits, 10 minutes, 5 tries. */
export const PHONE_CODE_TTL_MS = 10 * 60 * 1000;
export const PHONE_CODE_MAX_ATTEMPTS = 5;
/** Each code costs an SMS: a person may ask for a few, not flood a number. */
export const PHONE_CODE_REQUESTS = { limit: 3, windowMs: 15 * 60 * 1000 };
/** Per number, whoever asks: several accounts cannot take turns flooding one phone. */
export const PHONE_CODE_REQUESTS_PER_NUMBER = { limit: 3, windowMs: 15 * 60 * 1000 };
/** In all: a bound on what the SMS provider bills, whatever number of accounts is used. */
export const PHONE_CODE_REQUESTS_ALL = { limit: 200, windowMs: 10 * 60 * 1000 };

const PHONE_PURPOSE = "phone_codes.phone";

// The user and number are bound in, so a code sent for one number can never confirm another.
function hashCode(userId: string, phone: string, code: string): string {
  return createHmac("sha256", getKeys().dataKeys.phoneCodes).update(`${userId}\n${phone}\n${code}`).digest("base64url");
}

/** Sends a fresh code to `rawPhone`, replacing any earlier one. Returns the number in E.164. */
export async function requestPhoneCode(db: Db, userId: string, rawPhone: string, now = new Date()): Promise<string> {
  const parsed = phoneSchema.safeParse(rawPhone);
  if (!parsed.success) throw personError("INVALID_REQUEST", issueTranslatable(parsed.error.issues[0]!), { field: "phone" });
  const phone = parsed.data;
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");

  const locale = await db.transaction(async (tx) => {
    const limits = [
      await takeRateLimit(tx, `phone-code:${userId}`, { ...PHONE_CODE_REQUESTS, now }),
      // Keyed by the blind index: the counter table never holds a number in clear.
      await takeRateLimit(tx, `phone-code-number:${blindIndex("phone", phone)}`, { ...PHONE_CODE_REQUESTS_PER_NUMBER, now }),
      await takeRateLimit(tx, "phone-code-all", { ...PHONE_CODE_REQUESTS_ALL, now }),
    ];
    const refused = limits.filter((limit) => !limit.allowed);
    if (refused.length > 0) {
      const retryAt = new Date(Math.max(...refused.map((limit) => limit.retryAt.getTime())));
      const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
      throw personError("RATE_LIMITED", validation("codesRateLimited", { minutes }), { retry_at: retryAt.toISOString() });
    }
    const values = {
      phoneEnc: encryptText(phone, PHONE_PURPOSE),
      codeHash: hashCode(userId, phone, code),
      attempts: 0,
      expiresAt: new Date(now.getTime() + PHONE_CODE_TTL_MS),
      createdAt: now,
    };
    await tx.insert(phoneCodes).values({ userId, ...values }).onConflictDoUpdate({ target: phoneCodes.userId, set: values });
    await recordAudit(tx, { actor: { type: "user", id: userId }, action: "phone.code_requested", subjectUserId: userId });
    const [person] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
    return localeOr(person?.locale);
  });

  // Sent after the commit: a failed send leaves a code nobody received, and the user asks again.
  // In the language the person's emails go out in, as the text reaches them outside any page.
  await getSmsProvider().send(phone, translatorFor(locale)("sms.code", { code, minutes: PHONE_CODE_TTL_MS / 60_000 }));
  return phone;
}

type Outcome = { ok: true; phone: string } | { ok: false; message: Translatable; field: string };

/** Checks `code` against the last one sent; a match verifies the phone item at once. */
export async function confirmPhoneCode(db: Db, userId: string, rawCode: string, now = new Date()): Promise<string> {
  const code = rawCode.replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) throw personError("INVALID_REQUEST", validation("codeFormat"), { field: "code" });

  // Wrong attempts must be counted even though the answer is an error, so the transaction
  // commits and the error is thrown afterwards.
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const [row] = await tx.select().from(phoneCodes).where(eq(phoneCodes.userId, userId)).for("update");
    if (!row) return { ok: false, field: "code", message: validation("codeNotRequested") };
    if (row.expiresAt <= now) return { ok: false, field: "code", message: validation("codeExpired") };
    if (row.attempts >= PHONE_CODE_MAX_ATTEMPTS) return { ok: false, field: "code", message: validation("codeTooManyTries") };

    const phone = decryptText(row.phoneEnc, PHONE_PURPOSE);
    if (!secretsEqual(hashCode(userId, phone, code), row.codeHash)) {
      const attempts = row.attempts + 1;
      await tx.update(phoneCodes).set({ attempts }).where(eq(phoneCodes.userId, userId));
      await recordAudit(tx, { actor: { type: "user", id: userId }, action: "phone.code_failed", subjectUserId: userId, details: { attempts } });
      const left = PHONE_CODE_MAX_ATTEMPTS - attempts;
      return {
        ok: false,
        field: "code",
        message: left > 0 ? validation("codeWrong", { left }) : validation("codeWrongLastTry"),
      };
    }

    await tx.delete(phoneCodes).where(eq(phoneCodes.userId, userId));
    const previous = await getItem(tx, userId, "phone");
    await writeItem(tx, { userId, item: "phone", state: "verified", value: phone, action: "phone.code_confirmed", actorId: userId, at: now });
    // Credentials carry the phone number: a new number ends those issued for the old one.
    if (previous?.value !== phone) await revokeCredentialsRelyingOn(tx, userId, "phone", { type: "user", id: userId });
    await recordAudit(tx, { actor: { type: "user", id: userId }, action: "item.verified", subjectUserId: userId, details: { item: "phone", via: "sms_code" } });
    return { ok: true, phone };
  });
  if (!outcome.ok) throw personError("INVALID_REQUEST", outcome.message, { field: outcome.field });
  return outcome.phone;
}

/** The number a code is waiting for, so the form can show where it went. */
export async function pendingPhoneCode(db: Db, userId: string, now = new Date()): Promise<{ phone: string; expiresAt: Date } | null> {
  const [row] = await db.select().from(phoneCodes).where(eq(phoneCodes.userId, userId));
  if (!row || row.expiresAt <= now || row.attempts >= PHONE_CODE_MAX_ATTEMPTS) return null;
  return { phone: decryptText(row.phoneEnc, PHONE_PURPOSE), expiresAt: row.expiresAt };
}
