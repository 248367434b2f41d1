import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { verifyAuditChain } from "@/lib/audit/log";
import { getDb } from "@/lib/db/client";
import { auditLog, documents, identityItems, sessions, users } from "@/lib/db/schema";
import { submitDeclaredItem } from "@/lib/kyc/declared";
import { uploadDocument } from "@/lib/kyc/documents";
import { effectiveState, getItem } from "@/lib/kyc/item-store";
import { deleteAccount } from "@/lib/kyc/lifecycle";
import { createUser } from "@/tests/support/factories";
import { passportFields, PNG } from "@/tests/support/identity";

const DAY_MS = 86_400_000;

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
    const user = await createUser({ email: `erase-${crypto.randomUUID()}@example.com` });
    await submitDeclaredItem(db, user.id, "name", { first_name: "Zoe", last_name: "Quintero" });
    await uploadDocument(db, user.id, { item: "passport", fields: passportFields(), files: { front: { name: "p.png", bytes: PNG } } });
    await db.insert(sessions).values({ sessionToken: crypto.randomUUID(), userId: user.id, expires: new Date(Date.now() + DAY_MS) });

    await deleteAccount(db, user.id);

    expect(await db.select().from(users).where(eq(users.ocid, user.ocid))).toHaveLength(0);
    expect(await db.select().from(identityItems).where(eq(identityItems.userId, user.id))).toHaveLength(0);
    expect(await db.select().from(documents).where(eq(documents.userId, user.id))).toHaveLength(0);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);

    const entries = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, user.id));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["item.submitted", "document.uploaded", "account.deleted"]));
    const text = JSON.stringify(entries);
    for (const personal of ["Quintero", "X12345678", user.email]) expect(text).not.toContain(personal);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
