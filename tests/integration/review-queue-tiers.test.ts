import { describe, expect, it } from "vitest";

import { createAccount, createApiKey, listAccounts, revokeApiKey } from "@/lib/credentials/accounts";
import { getDb } from "@/lib/db/client";
import { amlScreenings, checkResults } from "@/lib/db/schema";
import { adjacentCase, assignCase, listQueue, type QueueCase } from "@/lib/review/queue";
import { encryptJson } from "@/lib/security/encryption";
import { createUser } from "@/tests/support/factories";

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const passport = { number: "X1234567", country: "NG", issued_at: "2021-01-01", expires_at: "2031-01-01", images: { front: crypto.randomUUID() } };
const SYSTEM = { type: "system" } as const;

describe("queue tiers", () => {
  it("lists a sanctions match ahead of older routine cases, with its best score and list", async () => {
    const db = await getDb();
    const reviewer = await createUser({ role: "reviewer" });
    const routine = await createUser({ items: { passport: { state: "pending", value: passport, verifiedAt: ago(9000) } } });
    const hit = await createUser({ items: { name: { state: "verified", value: { full_name: "Risky Person" } }, aml: { state: "pending", value: { status: "hit" }, verifiedAt: ago(1) } } });
    await db.insert(amlScreenings).values({
      userId: hit.id,
      listVersion: "tier@1",
      status: "hit",
      matchesEnc: encryptJson([{ entryId: "a", name: "Weak", score: 0.9 }, { entryId: "b", name: "Strong", score: 0.97 }], "aml_screenings.matches"),
    });
    const page = await listQueue(db, { assignee: "anyone", age: "any" }, reviewer.id);
    const risk = page.risk.find((entry) => entry.userId === hit.id);
    expect(risk).toMatchObject({ name: "Risky Person", sanctions: { score: 0.97, listVersion: "tier@1", entryName: "Strong" } });
    expect(page.cases.map((entry) => entry.userId)).not.toContain(hit.id);
    expect(page.cases[0]?.userId).toBe(routine.id);
    // J from the last risk case goes on to the routine queue.
    expect(await adjacentCase(db, page.risk.at(-1)!.userId, "next")).toBe(page.cases[0]?.userId);
  });

  it("lists a case whose checks found concerns before a clean one of the same SLA tier, and shows how many", async () => {
    const db = await getDb();
    const reviewer = await createUser({ role: "reviewer" });
    const days = 7000 + Math.random() * 500;
    // The clean case waits a minute longer: by age alone it would come first.
    const clean = await createUser({ items: { passport: { state: "pending", value: passport, verifiedAt: new Date(ago(days).getTime() - 60_000) } } });
    const concerned = await createUser({ items: { passport: { state: "pending", value: passport, verifiedAt: ago(days) } } });
    const fresh = await createUser({ items: { passport: { state: "pending", value: passport, verifiedAt: new Date(Date.now() - 60_000) } } });
    const result = (userId: string, concerns: number) => ({
      userId,
      item: "passport" as const,
      documentIds: [passport.images.front],
      resultEnc: encryptJson({}, "check_results.result"),
      outcome: concerns > 0 ? "review" : "approve",
      risk: concerns > 0 ? 80 : 0,
      concerns,
    });
    await db.insert(checkResults).values([result(clean.id, 0), result(concerned.id, 2), result(fresh.id, 1)]);

    // The whole routine queue, page by page, as a reviewer walks it.
    const listed: QueueCase[] = [];
    let after: string | undefined;
    do {
      const page = await listQueue(db, { assignee: "anyone", age: "any", after }, reviewer.id);
      listed.push(...page.cases);
      after = page.nextCursor ?? undefined;
    } while (after);
    const at = (userId: string) => listed.findIndex((entry) => entry.userId === userId);
    expect(at(concerned.id)).toBeGreaterThanOrEqual(0);
    expect(at(concerned.id)).toBeLessThan(at(clean.id));
    // Past the SLA comes before within it, concerns or not.
    expect(at(clean.id)).toBeLessThan(at(fresh.id));
    expect(listed[at(concerned.id)]?.concerns).toBe(2);
    expect(listed[at(clean.id)]?.concerns).toBe(0);
    expect(new Set(listed.map((entry) => entry.userId)).size).toBe(listed.length);
    // J follows the same order.
    expect(await adjacentCase(db, concerned.id, "next")).toBe(listed[at(concerned.id) + 1]?.userId);
    // K goes back across bands: from the clean case to the one listed just before it.
    expect(await adjacentCase(db, clean.id, "previous")).toBe(listed[at(clean.id) - 1]?.userId);
  });

  it("sets apart a declared item whose evidence was sent back, and takes it back once new evidence waits", async () => {
    const db = await getDb();
    const reviewer = await createUser({ role: "reviewer" });
    const person = await createUser({
      items: { address: { state: "pending", value: { city: "Lagos" }, verifiedAt: ago(9500) }, proof_of_address: { state: "rejected", value: { type: "utility_bill" } } },
    });
    const page = await listQueue(db, { assignee: "anyone", age: "any" }, reviewer.id);
    expect(page.cases.map((entry) => entry.userId)).not.toContain(person.id);
    expect(page.waiting.map((entry) => entry.userId)).toContain(person.id);
    expect(page.counts.waitingPeople).toBeGreaterThanOrEqual(1);
    expect(await adjacentCase(db, person.id, "next")).not.toBe(person.id);

    const resent = await createUser({
      items: { address: { state: "pending", value: { city: "Lagos" }, verifiedAt: ago(9400) }, proof_of_address: { state: "pending", value: { type: "utility_bill" }, verifiedAt: ago(1) } },
    });
    const after = await listQueue(db, { assignee: "anyone", age: "any" }, reviewer.id);
    expect(after.cases.map((entry) => entry.userId)).toContain(resent.id);
    expect(after.waiting.map((entry) => entry.userId)).not.toContain(resent.id);
  });

  it("assigns to a named reviewer, refuses someone who may not decide, and unassigns", async () => {
    const db = await getDb();
    const reviewer = await createUser({ role: "reviewer" });
    const colleague = await createUser({ role: "reviewer" });
    const auditor = await createUser({ role: "auditor" });
    const person = await createUser({ items: { liveness: { state: "pending", value: { images: { selfie: crypto.randomUUID() } } } } });
    await db.transaction((tx) => assignCase(tx, reviewer.id, person.id, colleague.id));
    expect((await listQueue(db, { assignee: "me", age: "any", item: "liveness" }, colleague.id)).cases.map((c) => c.userId)).toContain(person.id);
    await expect(db.transaction((tx) => assignCase(tx, reviewer.id, person.id, auditor.id))).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    await db.transaction((tx) => assignCase(tx, reviewer.id, person.id, null));
    expect((await listQueue(db, { assignee: "unassigned", age: "any", item: "liveness" }, reviewer.id)).cases.map((c) => c.userId)).toContain(person.id);
  });

  it("the awaiting-second-reviewer stage lists only proposed approvals", async () => {
    const db = await getDb();
    const reviewer = await createUser({ role: "reviewer" });
    const page = await listQueue(db, { assignee: "anyone", age: "any", stage: "awaiting_second" }, reviewer.id);
    for (const entry of [...page.risk, ...page.cases]) expect(entry.items.some((item) => item.proposed)).toBe(true);
  });
});

describe("accounts list", () => {
  it("counts each account's keys that are not revoked", async () => {
    const db = await getDb();
    const account = await createAccount(db, { name: `Count ${crypto.randomUUID().slice(0, 8)}` }, SYSTEM);
    const other = await createAccount(db, { name: `Other ${crypto.randomUUID().slice(0, 8)}` }, SYSTEM);
    const one = await createApiKey(db, account.id, "test", SYSTEM, "checkout");
    await createApiKey(db, account.id, "live", SYSTEM);
    await createApiKey(db, other.id, "test", SYSTEM);
    await revokeApiKey(db, one.id, SYSTEM);
    const listed = await listAccounts(db);
    expect(listed.find((row) => row.id === account.id)?.activeKeys).toBe(1);
    expect(listed.find((row) => row.id === other.id)?.activeKeys).toBe(1);
  });
});
