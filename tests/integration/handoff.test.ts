import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { createAuthAdapter } from "@/lib/auth/adapter";
import { createHandoff, findHandoff, HANDOFF_LIFETIME_MS, HANDOFF_REFUSED, redeemHandoff } from "@/lib/auth/handoff";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-cookie";
import { getDb } from "@/lib/db/client";
import { auditLog, handoffTokens, sessions } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { ownItemStatus } from "@/lib/items/item-status";
import { createUser } from "@/tests/support/factories";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? { code: error.code, message: error.message } : error),
  );

describe("continuing an item on another device", () => {
  it("signs the other device in as the person, once, and audits it without the token", async () => {
    const db = await getDb();
    const person = await createUser();
    const handoff = await createHandoff(db, person, "passport");
    expect(handoff.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(handoff.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(HANDOFF_LIFETIME_MS);

    const [row] = await db.select().from(handoffTokens).where(eq(handoffTokens.userId, person.id));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.tokenHash).not.toContain(handoff.token);
    expect(await findHandoff(db, handoff.token)).toEqual({ item: "passport" });

    const handedOff = await redeemHandoff(db, handoff.token, null);
    expect(handedOff.item).toBe("passport");
    // A session like Auth.js's own: the adapter opens it from the cookie's token, for the usual lifetime.
    const opened = await createAuthAdapter(db).getSessionAndUser!(handedOff.sessionToken);
    expect(opened?.user.id).toBe(person.id);
    expect(Math.abs(handedOff.expires.getTime() - Date.now() - SESSION_MAX_AGE_SECONDS * 1000)).toBeLessThan(60_000);

    const audit = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, person.id));
    const handoffEntries = audit.filter((entry) => entry.action.startsWith("user.handoff_"));
    expect(handoffEntries.map((entry) => entry.action).sort()).toEqual(["user.handoff_created", "user.handoff_used"]);
    expect(JSON.stringify(handoffEntries)).not.toContain(handoff.token);
    expect(JSON.stringify(handoffEntries)).not.toContain(row!.tokenHash);
    expect(handoffEntries.every((entry) => JSON.stringify(entry.details) === JSON.stringify({ item: "passport" }))).toBe(true);
  });

  it("refuses unknown, used and expired links alike, and changes nothing", async () => {
    const db = await getDb();
    const person = await createUser();
    const used = await createHandoff(db, person, "id_card");
    await redeemHandoff(db, used.token, null);
    const expired = await createHandoff(db, person, "id_card", new Date(Date.now() - HANDOFF_LIFETIME_MS - 1_000));
    const sessionsBefore = await db.select().from(sessions).where(eq(sessions.userId, person.id));

    for (const token of ["not-a-token", "A".repeat(43), used.token, expired.token]) {
      expect(await findHandoff(db, token)).toBeNull();
      expect(await refusal(redeemHandoff(db, token, null))).toEqual({ code: "NOT_FOUND", message: HANDOFF_REFUSED });
    }
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(sessionsBefore.length);
  });

  it("ends the session the other device had, whoever it was for", async () => {
    const db = await getDb();
    const [person, someoneElse] = [await createUser(), await createUser()];
    const earlier = await redeemHandoff(db, (await createHandoff(db, someoneElse, "id_card")).token, null);
    await redeemHandoff(db, (await createHandoff(db, person, "passport")).token, earlier.sessionToken);
    expect(await createAuthAdapter(db).getSessionAndUser!(earlier.sessionToken)).toBeNull();
  });

  it("is never made for staff, and at most five times a minute per person", async () => {
    const db = await getDb();
    const staff = await createUser({ role: "admin" });
    expect(await refusal(createHandoff(db, staff, "passport"))).toMatchObject({ code: "FORBIDDEN" });

    const person = await createUser();
    for (let i = 0; i < 5; i++) await createHandoff(db, person, "proof_of_address");
    expect(await refusal(createHandoff(db, person, "proof_of_address"))).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("tells the waiting page the item's state and when it last changed", async () => {
    const db = await getDb();
    const person = await createUser({ items: { passport: { state: "pending" } } });
    expect(await ownItemStatus(db, person.id, "passport")).toMatchObject({ item: "passport", state: "pending", updatedAt: expect.any(String) });
    expect(await ownItemStatus(db, person.id, "id_card")).toEqual({ item: "id_card", state: "missing", updatedAt: null });
    expect(await refusal(ownItemStatus(db, person.id, "nonsense"))).toMatchObject({ code: "NOT_FOUND" });
  });
});
