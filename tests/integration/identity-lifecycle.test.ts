import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { verifyAuditChain } from "@/lib/audit/log";
import { getDb } from "@/lib/db/client";
import { recordConsentDecision } from "@/lib/consent/record-decision";
import { issueOwnCredential } from "@/lib/credentials/issue";
import { amlScreenings, auditLog, consentReceipts, credentials, dataAccesses, documents, identityItems, phoneCodes, sessions, users, verificationTokens } from "@/lib/db/schema";
import { submitDeclaredItem } from "@/lib/account/declared";
import { uploadDocument } from "@/lib/documents/upload";
import { effectiveState, getItem } from "@/lib/items/store";
import { deleteAccount } from "@/lib/account/lifecycle";
import { requestPhoneCode } from "@/lib/phone/codes";
import { mailboxSmsProvider, setSmsProviderForTests } from "@/lib/phone/sms";
import { encryptJson } from "@/lib/security/encryption";
import { createPerson, revocationOf } from "@/tests/support/credentials";
import { createPartner, createUser } from "@/tests/support/factories";
import { passportFields, PNG } from "@/tests/support/identity";
import { whereStored, type Needle } from "@/tests/support/stored-values";

const DAY_MS = 86_400_000;

// Codes are sent nowhere: the development mailbox would keep the number in a file.
beforeAll(() => setSmsProviderForTests({ send: async () => {} }));
afterAll(() => setSmsProviderForTests(mailboxSmsProvider));

describe("lifecycle: expiry and account deletion", () => {
  it("a verification older than 365 days reads as expired", async () => {
    const user = await createUser({
      items: {
        nationality: { state: "verified", value: "GB", verifiedAt: new Date(Date.now() - 366 * DAY_MS) },
        date_of_birth: { state: "verified", value: "1990-04-12", verifiedAt: new Date(Date.now() - 364 * DAY_MS) },
      },
    });
    const db = await getDb();
    expect(effectiveState((await getItem(db, user.id, "nationality"))!)).toBe("expired");
    expect(effectiveState((await getItem(db, user.id, "date_of_birth"))!)).toBe("verified");
    // Renewing: the same value again is a new submission, since the old verification lapsed.
    expect(await submitDeclaredItem(db, user.id, "nationality", "GB")).toBe("pending");
  });

  it("a verified document reads as expired from its expiry date, even inside the 365 days", async () => {
    const user = await createUser({
      items: { passport: { state: "verified", value: { number: "X1" }, verifiedAt: new Date(Date.now() - 30 * DAY_MS), documentExpiresAt: new Date(Date.now() - DAY_MS) } },
    });
    expect(effectiveState((await getItem(await getDb(), user.id, "passport"))!)).toBe("expired");
  });

  it("deleting the account erases the person, items and documents; audit entries stay, free of personal data", async () => {
    const db = await getDb();
    // Long and random, so no other row can hold these values by chance.
    const surname = `Q${Array.from({ length: 11 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("")}`;
    const dob = `19${50 + Math.floor(Math.random() * 40)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
    const passportNumber = `P${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    const newPhone = `+44207946${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
    const verified = (value: unknown) => ({ state: "verified" as const, value });
    const person = await createPerson({
      only: ["name", "email", "phone", "date_of_birth"],
      override: { name: verified({ first_name: "Zoe", last_name: surname, full_name: `Zoe ${surname}` }), date_of_birth: verified(dob) },
    });
    const user = person.user;
    // A credential first: its row outlives the person, for the status list and the issuing account.
    const issued = await issueOwnCredential(db, user.id);
    await submitDeclaredItem(db, user.id, "address", { street: "1 Erasure Lane", city: "London", postal_code: "SW1A 2AA", country: "GB" });
    await uploadDocument(db, user.id, { item: "passport", fields: passportFields({ number: passportNumber, lastName: surname, birthDate: dob }), files: { front: { name: "p.png", bytes: PNG } } });
    await requestPhoneCode(db, user.id, newPhone);
    const partner = await createPartner({ metadataUrl: "http://127.0.0.1:1/metadata.json" });
    await recordConsentDecision(db, { userId: user.id, userOcid: user.ocid, partner: { ocid: partner.ocid, name: partner.name }, requested: ["name", "email"], shared: ["name"] });
    await db.insert(dataAccesses).values({ userId: user.id, partnerOcid: partner.ocid, items: ["name"] });
    await db.insert(amlScreenings).values({ userId: user.id, listVersion: "test", status: "hit", matchesEnc: encryptJson([{ entryId: "x", name: `Zoe ${surname}` }], "aml_screenings.matches") });
    await db.insert(sessions).values({ sessionToken: crypto.randomUUID(), userId: user.id, expires: new Date(Date.now() + DAY_MS) });
    const [userRow] = await db.select().from(users).where(eq(users.id, user.id));
    await db.insert(verificationTokens).values({ identifier: userRow!.email!, token: crypto.randomUUID(), expires: new Date(Date.now() + DAY_MS) });

    // Everything that names the person, in clear or as it is stored.
    const needles: Needle[] = [
      { label: "user id", value: user.id },
      { label: "email", value: user.email },
      { label: "full name", value: `Zoe ${surname}` },
      { label: "last name", value: surname },
      { label: "date of birth", value: dob },
      { label: "phone", value: person.request.phone_number },
      { label: "new phone", value: newPhone },
      { label: "passport number", value: passportNumber },
      { label: "credential token", value: issued.token },
      { label: "credential claims", value: issued.token.split(".")[1]! },
      { label: "email index", value: userRow!.email! },
      { label: "stored email", value: userRow!.emailEnc! },
    ];
    const stored = <T extends Record<string, unknown>>(label: string, rows: T[], column: keyof T) =>
      rows.forEach((row, i) => row[column] && needles.push({ label: `${label} ${i}`, value: row[column] as string | Buffer }));
    const items = await db.select().from(identityItems).where(eq(identityItems.userId, user.id));
    stored("stored item", items, "valueEnc");
    stored("item index", items, "valueIndex");
    stored("document bytes", await db.select().from(documents).where(eq(documents.userId, user.id)), "dataEnc");
    stored("stored token", await db.select().from(credentials).where(eq(credentials.userId, user.id)), "tokenEnc");
    stored("phone code number", await db.select().from(phoneCodes).where(eq(phoneCodes.userId, user.id)), "phoneEnc");
    stored("screening", await db.select().from(amlScreenings).where(eq(amlScreenings.userId, user.id)), "matchesEnc");
    stored("session", await db.select().from(sessions).where(eq(sessions.userId, user.id)), "sessionToken");
    stored("receipt", await db.select().from(consentReceipts).where(eq(consentReceipts.userId, user.id)), "signature");
    expect(needles.filter((n) => n.label.startsWith("stored token"))).toHaveLength(1);
    // The check can see what it looks for: before deletion these are all found.
    const before = await whereStored(db, needles);
    for (const table of ["users", "identity_items", "documents", "credentials", "phone_codes", "rate_limits", "verification_tokens", "sessions", "consent_receipts", "aml_screenings"]) {
      expect(before.some((hit) => hit.startsWith(`${table}.`))).toBe(true);
    }

    await deleteAccount(db, user.id);

    expect(await db.select().from(users).where(eq(users.ocid, user.ocid))).toHaveLength(0);
    // The audit log keeps ids (who did what to whom), never what the person is.
    expect(await whereStored(db, needles, (table, label) => table === "audit_log" && label === "user id")).toEqual([]);
    const [credential] = await db.select().from(credentials).where(eq(credentials.id, issued.credential_id!));
    expect(credential).toMatchObject({ userId: null, tokenEnc: null, tier: "Tier1" });
    expect(await revocationOf(issued.credential_id!)).toMatchObject({ revoked: true, bit: true });

    const entries = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, user.id));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["item.submitted", "document.uploaded", "credential.revoked", "account.deleted"]));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
