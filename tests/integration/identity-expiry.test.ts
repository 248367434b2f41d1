import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { POST as verifyRoute } from "@/app/api/v1/verify/route";
import { issueOwnCredential } from "@/lib/credentials/issue";
import { registerSigningKey } from "@/lib/credentials/signing-keys";
import { getDb } from "@/lib/db/client";
import { auditLog, identityItems, itemHistory } from "@/lib/db/schema";
import { addDays, documentLapsesAt, isoDateOf } from "@/lib/items/dates";
import { uploadDocument } from "@/lib/documents/upload";
import { expireItems } from "@/lib/item-changes/expiry";
import { effectiveState, getItem, verificationExpiry } from "@/lib/items/store";
import { ITEMS, type Item } from "@/lib/items/items";
import { viewItemsAsPartner } from "@/lib/partner-api/view";
import { decideItem } from "@/lib/review/decide";
import { createFundedAccount, createPerson, jsonRequest, revocationOf } from "@/tests/support/credentials";
import { createPartner, createUser, setGrants } from "@/tests/support/factories";
import { passportFields, PNG } from "@/tests/support/identity";

/**
 * Verifications run out (SPEC §3) and credentials relying on them end with them (SPEC §6):
 * in the database and the published status list, not only when an item is read.
 */
const DAY_MS = 86_400_000;

async function verify(token: string, publicKey: string) {
  const { apiKey } = await createFundedAccount(5);
  const response = await verifyRoute(jsonRequest("/api/v1/verify", { token, public_key_pem: publicKey }, { "x-api-key": apiKey }));
  return (await response.json()) as { valid: boolean; error?: string };
}

/** As if time had passed for this person's item alone: the database shares other tests' rows. */
async function backdate(userId: string, item: Item, verifiedAt: Date, expiresAt: Date) {
  await (await getDb()).update(identityItems).set({ verifiedAt, expiresAt }).where(and(eq(identityItems.userId, userId), eq(identityItems.item, item)));
}

async function rawState(userId: string, item: Item) {
  const [row] = await (await getDb()).select({ state: identityItems.state }).from(identityItems).where(and(eq(identityItems.userId, userId), eq(identityItems.item, item)));
  return row?.state;
}

async function expiryRecords(userId: string, item: Item) {
  const db = await getDb();
  const [row] = await db.select({ id: identityItems.id }).from(identityItems).where(and(eq(identityItems.userId, userId), eq(identityItems.item, item)));
  const history = await db.select().from(itemHistory).where(and(eq(itemHistory.itemId, row!.id), eq(itemHistory.action, "system.expired")));
  const audit = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, userId));
  return { history, audit };
}

// Start-up records the credential signing key (lib/startup.ts); credentials verified here need it too.
beforeAll(async () => registerSigningKey(await getDb()));

describe("the expiry sweep", () => {
  it("expires a passport past its expiry date, revokes the credential relying on it, and partners see it gone", async () => {
    const db = await getDb();
    const today = isoDateOf(new Date());
    const passport = { number: "X7654321", country: "ES", issued_at: "2020-01-01", expires_at: today, images: { front: crypto.randomUUID() } };
    const person = await createPerson({ override: { passport: { state: "verified", value: passport, documentExpiresAt: documentLapsesAt(today) } } });
    const issued = await issueOwnCredential(db, person.user.id);
    expect(issued.tier).toBe("Tier3");
    const partner = await createPartner({ metadataUrl: "http://127.0.0.1:1/metadata.json" });
    await setGrants(person.user.id, partner.ocid, { passport: "granted" });
    const passportStatus = async () => (await viewItemsAsPartner(db, person.user.ocid, { ocid: partner.ocid, allowedGrants: [...ITEMS] })).view.passport.status;

    // Still valid today: the passport is good through its expiry day.
    expect(await verify(issued.token, issued.public_key)).toEqual(expect.objectContaining({ valid: true }));
    expect(await passportStatus()).toBe("verified");

    // The sweep as it runs just after midnight, for this person only.
    const tomorrow = new Date(`${addDays(today, 1)}T00:00:00Z`);
    expect(await expireItems(db, tomorrow, { userId: person.user.id })).toEqual({ expired: 1, revoked: 1 });

    expect(await rawState(person.user.id, "passport")).toBe("expired");
    expect(await rawState(person.user.id, "name")).toBe("verified");
    // Partners read the stored state now, before their own clock reaches the expiry.
    expect(await passportStatus()).toBe("missing");
    expect(await revocationOf(issued.credential_id!)).toEqual({ revoked: true, reason: "passport expired", bit: true });
    expect(await verify(issued.token, issued.public_key)).toEqual({ valid: false, error: "Credential revoked" });

    const { history, audit } = await expiryRecords(person.user.id, "passport");
    expect(history.map((h) => [h.state, h.reason, h.actorId])).toEqual([["expired", "document_expired", null]]);
    const entries = audit.filter((e) => ["item.expired", "credential.revoked"].includes(e.action)).map((e) => [e.action, e.actorType, e.details.item ?? e.details.credentialId]);
    expect(entries.sort()).toEqual([
      ["credential.revoked", "system", issued.credential_id],
      ["item.expired", "system", "passport"],
    ]);

    // A second run finds nothing left to do.
    expect(await expireItems(db, tomorrow, { userId: person.user.id })).toEqual({ expired: 0, revoked: 0 });
  });

  it("expires a verification older than its validity, and leaves other people's credentials alone", async () => {
    const db = await getDb();
    const lapsing = await createPerson();
    const lapsingCredential = await issueOwnCredential(db, lapsing.user.id);
    const other = await createPerson();
    const otherCredential = await issueOwnCredential(db, other.user.id);

    // The selfie check was verified 366 days ago.
    const verifiedAt = new Date(Date.now() - 366 * DAY_MS);
    await backdate(lapsing.user.id, "liveness", verifiedAt, verificationExpiry(verifiedAt));
    const result = await expireItems(db);
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect(result.revoked).toBeGreaterThanOrEqual(1);

    expect(await rawState(lapsing.user.id, "liveness")).toBe("expired");
    expect(await revocationOf(lapsingCredential.credential_id!)).toEqual({ revoked: true, reason: "liveness expired", bit: true });
    expect((await expiryRecords(lapsing.user.id, "liveness")).history.map((h) => h.reason)).toEqual(["verification_lapsed"]);
    expect(await revocationOf(otherCredential.credential_id!)).toEqual({ revoked: false, reason: null, bit: false });
    expect(await verify(otherCredential.token, otherCredential.public_key)).toEqual(expect.objectContaining({ valid: true }));
  });

  it("verify revokes a credential whose item ran out before the sweep reached it", async () => {
    const db = await getDb();
    const person = await createPerson();
    const issued = await issueOwnCredential(db, person.user.id);
    await backdate(person.user.id, "passport", new Date(Date.now() - 30 * DAY_MS), new Date(Date.now() - 60_000));

    expect(await verify(issued.token, issued.public_key)).toEqual({ valid: false, error: "Credential revoked" });
    // The published list agrees with the answer, at once.
    expect(await revocationOf(issued.credential_id!)).toEqual({ revoked: true, reason: "passport expired", bit: true });
    expect(await rawState(person.user.id, "passport")).toBe("expired");
  });

  it("runs at start-up", async () => {
    const db = await getDb();
    const person = await createPerson();
    const issued = await issueOwnCredential(db, person.user.id);
    await backdate(person.user.id, "proof_of_address", new Date(Date.now() - 400 * DAY_MS), new Date(Date.now() - 35 * DAY_MS));

    const { startAttest } = await import("@/lib/startup");
    await startAttest();

    expect(await rawState(person.user.id, "proof_of_address")).toBe("expired");
    expect(await revocationOf(issued.credential_id!)).toMatchObject({ revoked: true, bit: true });
  });
});

describe("a document's expiry day", () => {
  it("counts as valid through its end, at upload and after approval alike", async () => {
    const db = await getDb();
    const today = isoDateOf(new Date());
    const user = await createUser({ items: { date_of_birth: { state: "verified", value: "1990-04-12" } } });
    await uploadDocument(db, user.id, { item: "passport", fields: passportFields({ expires_at: today }), files: { front: { name: "p.png", bytes: PNG } } });
    const lapses = documentLapsesAt(today)!;
    expect(lapses.toISOString()).toBe(`${addDays(today, 1)}T00:00:00.000Z`);
    expect((await getItem(db, user.id, "passport"))?.expiresAt).toEqual(lapses);

    const reviewer = await createUser({ role: "reviewer" });
    await decideItem(db, reviewer.id, user.id, { decision: "approve", item: "passport" });
    const approved = (await getItem(db, user.id, "passport"))!;
    expect(approved.expiresAt).toEqual(lapses);
    expect(effectiveState(approved)).toBe("verified");
    expect(effectiveState(approved, lapses)).toBe("expired");
  });
});
