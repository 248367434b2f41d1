import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import { phoneCodes, rateLimits, users } from "@/lib/db/schema";
import { effectiveState, getItem } from "@/lib/items/store";
import { confirmPhoneCode, pendingPhoneCode, PHONE_CODE_REQUESTS_ALL, PHONE_CODE_TTL_MS, requestPhoneCode } from "@/lib/phone/codes";
import { mailboxSmsProvider, setSmsProviderForTests } from "@/lib/phone/sms";
import { decryptText } from "@/lib/security/encryption";
import { takeRateLimit } from "@/lib/security/rate-limit";
import { createUser } from "@/tests/support/factories";

const sent: { to: string; text: string }[] = [];
beforeAll(() => setSmsProviderForTests({ send: async (to, text) => void sent.push({ to, text }) }));
afterAll(() => setSmsProviderForTests(mailboxSmsProvider));

function lastCodeTo(phone: string): string {
  const message = sent.filter((m) => m.to === phone).at(-1);
  return /\b(\d{6})\b/.exec(message?.text ?? "")?.[1] ?? "";
}
/** A valid number no other test uses, so per-number counters never meet. */
const frenchMobile = () => `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("phone verification by SMS code", () => {
  it("sends a 6-digit code, stores only its hash, and verifies the phone with it", async () => {
    const user = await createUser();
    const db = await getDb();
    const phone = await requestPhoneCode(db, user.id, "+44 20 7946 0958");
    expect(phone).toBe("+442079460958");
    const code = lastCodeTo(phone);
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await db.select().from(phoneCodes).where(eq(phoneCodes.userId, user.id));
    expect(row!.codeHash).not.toContain(code);
    // Ciphertext, not the number in any plain form: its digits, or those digits merely base64-encoded.
    for (const plain of [phone, phone.slice(1), "2079460958"]) {
      expect(row!.phoneEnc).not.toContain(plain);
      expect(row!.phoneEnc).not.toContain(Buffer.from(plain).toString("base64").replace(/=+$/, ""));
    }
    expect(decryptText(row!.phoneEnc, "phone_codes.phone")).toBe(phone);
    expect((await pendingPhoneCode(db, user.id))?.phone).toBe(phone);

    await confirmPhoneCode(db, user.id, code);
    const item = await getItem(db, user.id, "phone");
    expect(item && effectiveState(item)).toBe("verified");
    expect(item?.value).toBe(phone);
    // The code is spent.
    await expect(confirmPhoneCode(db, user.id, code)).rejects.toMatchObject({ code: "INVALID_REQUEST" });
  });

  it("counts wrong codes: after 5 even the right one is refused until a new code is sent", async () => {
    const user = await createUser();
    const db = await getDb();
    const phone = await requestPhoneCode(db, user.id, "+33612345678");
    const code = lastCodeTo(phone);
    for (let i = 1; i <= 5; i++) {
      await expect(confirmPhoneCode(db, user.id, wrong(code))).rejects.toThrow(i < 5 ? `${5 - i} ${5 - i === 1 ? "try" : "tries"} left` : "last try");
    }
    await expect(confirmPhoneCode(db, user.id, code)).rejects.toThrow("Too many wrong codes");
    expect(await getItem(db, user.id, "phone")).toBeNull();

    await requestPhoneCode(db, user.id, "+33612345678");
    await confirmPhoneCode(db, user.id, lastCodeTo(phone));
    expect((await getItem(db, user.id, "phone"))?.state).toBe("verified");
  });

  it("refuses a code after 10 minutes", async () => {
    const user = await createUser();
    const db = await getDb();
    const start = new Date();
    const phone = await requestPhoneCode(db, user.id, "+4915123456789", start);
    await expect(confirmPhoneCode(db, user.id, lastCodeTo(phone), new Date(start.getTime() + PHONE_CODE_TTL_MS + 1))).rejects.toThrow("expired");
    expect(await getItem(db, user.id, "phone")).toBeNull();
  });

  it("allows 3 codes per 15 minutes per person", async () => {
    const user = await createUser();
    const db = await getDb();
    const start = new Date();
    for (let i = 0; i < 3; i++) await requestPhoneCode(db, user.id, frenchMobile(), new Date(start.getTime() + i * 1000));
    // Another number does not help: the limit is the person's.
    await expect(requestPhoneCode(db, user.id, frenchMobile(), new Date(start.getTime() + 5000))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // A new window opens after 15 minutes.
    await requestPhoneCode(db, user.id, frenchMobile(), new Date(start.getTime() + 15 * 60 * 1000 + 1));
  });

  it("allows 3 codes per 15 minutes per number, whichever accounts ask", async () => {
    const db = await getDb();
    const number = frenchMobile();
    const start = new Date();
    for (let i = 0; i < 3; i++) await requestPhoneCode(db, (await createUser()).id, number, new Date(start.getTime() + i * 1000));
    const fresh = await createUser();
    await expect(requestPhoneCode(db, fresh.id, number, new Date(start.getTime() + 5000))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(sent.filter((message) => message.to === number)).toHaveLength(3);
    // The counter is keyed by the number's blind index, never the number.
    const keys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(keys.some((key) => key.includes(number) || key.includes(number.slice(1)))).toBe(false);
  });

  it("caps codes in all, whatever the accounts and numbers", async () => {
    const db = await getDb();
    // A time of its own, so this window never meets the other tests' requests.
    const later = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    try {
      for (let i = 0; i < PHONE_CODE_REQUESTS_ALL.limit; i++) await takeRateLimit(db, "phone-code-all", { ...PHONE_CODE_REQUESTS_ALL, now: later });
      await expect(requestPhoneCode(db, (await createUser()).id, frenchMobile(), later)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    } finally {
      await db.delete(rateLimits).where(eq(rateLimits.key, "phone-code-all"));
    }
  });

  it("refuses numbers that are not E.164-valid, and a code for a number belongs to that number only", async () => {
    const user = await createUser({ items: { phone: { state: "verified", value: "+442079460958" } } });
    const db = await getDb();
    await expect(requestPhoneCode(db, user.id, "020 7946 0958")).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    await expect(requestPhoneCode(db, user.id, "+44 12")).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    // A pending change does not touch the verified number until the code is typed.
    await requestPhoneCode(db, user.id, "+442079460959");
    expect((await getItem(db, user.id, "phone"))?.value).toBe("+442079460958");
    await confirmPhoneCode(db, user.id, lastCodeTo("+442079460959"));
    expect((await getItem(db, user.id, "phone"))?.value).toBe("+442079460959");
  });

  it.each([
    [null, "Your Attest code is 000000. It expires in 10 minutes. Never share it."],
    ["de", "Ihr Attest-Code lautet 000000. Er läuft in 10 Minuten ab. Geben Sie ihn niemals weiter."],
    ["fr", "Votre code Attest est 000000. Il expire dans 10 minutes. Ne le communiquez jamais."],
    ["es", "Su clave de Attest es 000000. Caduca en 10 minutos. No la comparta con nadie."],
    ["it", "Your Attest code is 000000. It expires in 10 minutes. Never share it."],
  ])("writes the text in the person's language (%s), English when none is known, as the emails do", async (locale, text) => {
    const user = await createUser();
    const db = await getDb();
    await db.update(users).set({ locale }).where(eq(users.id, user.id));
    const phone = await requestPhoneCode(db, user.id, frenchMobile());
    const sms = sent.filter((m) => m.to === phone).at(-1)!;
    expect(sms.text.replace(/\b\d{6}\b/, "000000")).toBe(text);
    // One GSM-7 SMS: at most 160 characters, none outside the basic alphabet that would halve it.
    expect(sms.text.length).toBeLessThanOrEqual(160);
    expect(sms.text).toMatch(/^[A-Za-z0-9 .,'+\-äöüÄÖÜßéèùìòÇØøÅåÆæÉÑñ]*$/);
  });
});
