import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { issueOwnCredential } from "@/lib/credentials/issue";
import { getDb } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { submitDeclaredItem } from "@/lib/account/declared";
import { submitSelfie, uploadDocument } from "@/lib/documents/upload";
import { confirmPhoneCode, requestPhoneCode } from "@/lib/phone/codes";
import { mailboxSmsProvider, setSmsProviderForTests } from "@/lib/phone/sms";
import { createPerson, revocationOf, type Person } from "@/tests/support/credentials";
import { passportFields, PNG } from "@/tests/support/identity";

/**
 * A credential attests items as a reviewer (or a code) verified them. When the person
 * changes one of those items, the credential no longer says what Attest holds: it is
 * revoked in the same transaction as the change (SPEC §6).
 */
const sent: { to: string; text: string }[] = [];
beforeAll(() => setSmsProviderForTests({ send: async (to, text) => void sent.push({ to, text }) }));
afterAll(() => setSmsProviderForTests(mailboxSmsProvider));

async function confirmNumber(userId: string, phone: string) {
  const db = await getDb();
  await requestPhoneCode(db, userId, phone);
  const code = /\b(\d{6})\b/.exec(sent.filter((m) => m.to === phone).at(-1)?.text ?? "")?.[1] ?? "";
  await confirmPhoneCode(db, userId, code);
}

/** A number the phone rules accept (+44 20 7946 0000–9999 is set aside for fiction), unique enough per test. */
const ukPhone = () => `+44207946${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
const phoneOf = (person: Person) => person.request.phone_number;

type Change = { name: string; change: (person: Person) => Promise<unknown>; revokedBecause: string | null };

const changes: Change[] = [
  { name: "a new name", change: async (p) => submitDeclaredItem(await getDb(), p.user.id, "name", { first_name: "Ada", last_name: "Quintero Marsh" }), revokedBecause: "name" },
  { name: "a new date of birth", change: async (p) => submitDeclaredItem(await getDb(), p.user.id, "date_of_birth", "1988-04-13"), revokedBecause: "date_of_birth" },
  {
    name: "a new address",
    change: async (p) => submitDeclaredItem(await getDb(), p.user.id, "address", { street: "Calle Mayor 2", city: "Madrid", state: "Madrid", postal_code: "28013", country: "ES" }),
    revokedBecause: "address",
  },
  {
    name: "a new passport upload",
    change: async (p) =>
      uploadDocument(await getDb(), p.user.id, { item: "passport", fields: passportFields({ lastName: "Quintero", firstName: "Ada", birthDate: "1988-04-12" }), files: { front: { name: "p.png", bytes: PNG } } }),
    revokedBecause: "passport",
  },
  { name: "a new selfie", change: async (p) => submitSelfie(await getDb(), p.user.id, { name: "s.png", bytes: PNG }), revokedBecause: "liveness" },
  { name: "a new phone number confirmed", change: (p) => confirmNumber(p.user.id, phoneOf(p).replace(/\d{4}$/, (d) => String((Number(d) + 1) % 10_000).padStart(4, "0"))), revokedBecause: "phone" },
  // Nothing the credential relied on changed.
  { name: "the same name again", change: async (p) => submitDeclaredItem(await getDb(), p.user.id, "name", { first_name: "Ada", last_name: "Quintero" }), revokedBecause: null },
  { name: "the same phone number confirmed again", change: (p) => confirmNumber(p.user.id, phoneOf(p)), revokedBecause: null },
  { name: "a new nationality, which no tier relies on", change: async (p) => submitDeclaredItem(await getDb(), p.user.id, "nationality", "PT"), revokedBecause: null },
];

describe("a person changing an item a credential relied on", () => {
  for (const { name, change, revokedBecause } of changes) {
    it(`${revokedBecause ? "revokes" : "keeps"} the credential on ${name}`, async () => {
      const phone = ukPhone();
      const created = await createPerson({ override: { phone: { state: "verified", value: phone } } });
      const person = { ...created, request: { ...created.request, phone_number: phone } };
      const issued = await issueOwnCredential(await getDb(), person.user.id);
      expect(issued.tier).toBe("Tier3");

      await change(person);

      const revocation = await revocationOf(issued.credential_id!);
      if (!revokedBecause) {
        expect(revocation).toEqual({ revoked: false, reason: null, bit: false });
        return;
      }
      expect(revocation).toEqual({ revoked: true, reason: `${revokedBecause} no longer verified`, bit: true });
      const [entry] = await (await getDb())
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectUserId, person.user.id), eq(auditLog.action, "credential.revoked")));
      expect([entry?.actorType, entry?.actorId, entry?.details.credentialId]).toEqual(["user", person.user.id, issued.credential_id]);
    });
  }

  it("changes nothing when the change itself is refused", async () => {
    const person = await createPerson();
    const issued = await issueOwnCredential(await getDb(), person.user.id);
    await expect(submitDeclaredItem(await getDb(), person.user.id, "date_of_birth", "1988-02-30")).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    expect(await revocationOf(issued.credential_id!)).toEqual({ revoked: false, reason: null, bit: false });
  });
});
