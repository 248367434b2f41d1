
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { recordAudit, verifyAuditChain } from "@/lib/audit/log";
import { emailColumns } from "@/lib/auth/adapter";
import { databaseKind, getDb } from "@/lib/db/client";
import { auditLog, devMail, documents, identityItems, users } from "@/lib/db/schema";
import { storeDocument, readDocument } from "@/lib/documents/store";
import { rebindItemValues } from "@/lib/items/cipher";
import { getItem, writeItem } from "@/lib/items/store";
import { startMailServer } from "@/lib/mail/embedded-server";
import { blindIndex, encryptJson, sealedVersion } from "@/lib/security/encryption";
import { forget } from "@/lib/state/remember";

async function createUser(email = `person-${crypto.randomUUID()}@example.com`) {
  const db = await getDb();
  const [row] = await db.insert(users).values(emailColumns(email)).returning();
  return { ...row!, address: email };
}

describe(`foundation on ${process.env.TEST_DATABASE ?? "pglite"}`, () => {
  it("runs on the database it was asked for", async () => {
    expect(await databaseKind()).toBe(process.env.TEST_DATABASE === "postgres" ? "postgres" : "pglite");
  });

  it("gives new people unique OCIDs from 12345 upward", async () => {
    const a = await createUser();
    const b = await createUser();
    expect(a.ocid).toBeGreaterThanOrEqual(12345);
    expect(b.ocid).not.toBe(a.ocid);
  });

  it("stores personal fields as ciphertext, found by blind index", async () => {
    const db = await getDb();
    const user = await createUser();
    await db.transaction((tx) =>
      writeItem(tx, { userId: user.id, item: "name", state: "pending", value: { first_name: "Zoë", last_name: "Quintero", full_name: "Zoë Quintero" }, action: "test" }),
    );
    const raw = await db.execute(sql`select u.email_index, u.email_enc, i.value_enc from users u join identity_items i on i.user_id = u.id where u.id = ${user.id}`);
    const rows = (raw as unknown as { rows?: unknown[] }).rows ?? (raw as unknown as unknown[]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(user.address);
    expect(text).not.toContain("Quintero");
    const [found] = await db.select().from(users).where(eq(users.email, blindIndex("email", user.address.toUpperCase())));
    expect(found?.id).toBe(user.id);
    expect((await getItem(db, user.id, "name"))?.value).toEqual({ first_name: "Zoë", last_name: "Quintero", full_name: "Zoë Quintero" });
  });

  it("refuses a ciphertext moved to another item's row", async () => {
    const db = await getDb();
    const user = await createUser();
    await db.transaction(async (tx) => {
      await writeItem(tx, { userId: user.id, item: "name", state: "pending", value: { full_name: "A B" }, action: "test" });
      await writeItem(tx, { userId: user.id, item: "address", state: "pending", value: { city: "X" }, action: "test" });
    });
    const [name] = await db.select().from(identityItems).where(sql`${identityItems.userId} = ${user.id} and ${identityItems.item} = 'name'`);
    await db.update(identityItems).set({ valueEnc: name!.valueEnc }).where(sql`${identityItems.userId} = ${user.id} and ${identityItems.item} = 'address'`);
    await expect(getItem(db, user.id, "address")).rejects.toThrow();
  });

  it("refuses a ciphertext swapped between two people's rows of the same item", async () => {
    const db = await getDb();
    const [alice, mallory] = [await createUser(), await createUser()];
    await db.transaction(async (tx) => {
      await writeItem(tx, { userId: alice.id, item: "date_of_birth", state: "verified", value: "1990-01-01", action: "test" });
      await writeItem(tx, { userId: mallory.id, item: "date_of_birth", state: "rejected", value: "2011-05-05", action: "test" });
    });
    const valueOf = async (userId: string) =>
      (await db.select().from(identityItems).where(sql`${identityItems.userId} = ${userId} and ${identityItems.item} = 'date_of_birth'`))[0]!.valueEnc!;
    // Someone who can write the database copies alice's value into mallory's row.
    await db.update(identityItems).set({ valueEnc: await valueOf(alice.id) }).where(sql`${identityItems.userId} = ${mallory.id} and ${identityItems.item} = 'date_of_birth'`);
    await expect(getItem(db, mallory.id, "date_of_birth")).rejects.toThrow();
    expect((await getItem(db, alice.id, "date_of_birth"))?.value).toBe("1990-01-01");
  });

  it("re-seals values written before owners were bound in, once, and reads only re-sealed ones", async () => {
    const db = await getDb();
    const user = await createUser();
    await db.transaction((tx) => writeItem(tx, { userId: user.id, item: "nationality", state: "pending", value: "PT", action: "test" }));
    const where = sql`${identityItems.userId} = ${user.id} and ${identityItems.item} = 'nationality'`;
    // A value as the earlier format sealed it: the item kind alone as additional data.
    const legacy = encryptJson("ES", "identity_items.nationality");
    await db.update(identityItems).set({ valueEnc: legacy }).where(where);
    await expect(getItem(db, user.id, "nationality")).rejects.toThrow();

    expect(await rebindItemValues(db)).toBeGreaterThanOrEqual(1);
    const [row] = await db.select().from(identityItems).where(where);
    expect(sealedVersion(row!.valueEnc!)).toBe(2);
    expect((await getItem(db, user.id, "nationality"))?.value).toBe("ES");
    // Idempotent: nothing left to do, and the value is unchanged.
    expect(await rebindItemValues(db)).toBe(0);
    expect((await db.select().from(identityItems).where(where))[0]!.valueEnc).toBe(row!.valueEnc);
  });

  it("keeps document files encrypted and returns them intact", async () => {
    const db = await getDb();
    const user = await createUser();
    const bytes = Buffer.from("%PDF-1.7 specimen statement for Zoë Quintero");
    const id = await storeDocument(db, { userId: user.id, item: "proof_of_address", side: "page", contentType: "application/pdf", bytes });
    const [row] = await db.select().from(documents).where(eq(documents.id, id));
    expect(row!.dataEnc.includes(Buffer.from("Quintero"))).toBe(false);
    expect((await readDocument(db, id))?.bytes.equals(bytes)).toBe(true);
  });

  it("chains audit entries and finds the first altered one", async () => {
    const db = await getDb();
    const user = await createUser();
    for (const action of ["test.one", "test.two", "test.three"]) {
      await db.transaction((tx) => recordAudit(tx, { actor: { type: "system" }, action, subjectUserId: user.id }));
    }
    const mine = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, user.id)).orderBy(auditLog.id);
    const whole = await verifyAuditChain(db);
    expect(whole.ok).toBe(true);
    // The head names the last entry and its hash (other files may have written after ours).
    const head = whole.ok ? whole.head : null;
    expect(head!.id).toBeGreaterThanOrEqual(mine[2]!.id);
    expect((await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, head!.id)))[0]!.hash).toBe(head!.hash);

    // Forged only inside a transaction that is rolled back: files sharing PostgreSQL never see it.
    const rollback = new Error("roll back");
    await expect(
      db.transaction(async (tx) => {
        await tx.update(auditLog).set({ action: "test.forged" }).where(eq(auditLog.id, mine[1]!.id));
        expect(await verifyAuditChain(tx)).toMatchObject({ ok: false, brokenAt: mine[1]!.id });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("delivers mail through an SMTP server given as SMTP_URL", async () => {
    const received: Buffer[] = [];
    const external = await startMailServer(async (message) => void received.push(message));
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${external.port}`;
      const { resetEnvForTests } = await import("@/lib/env");
      resetEnvForTests();
      forget("mail-transport");
      const { sendMail } = await import("@/lib/mail/transport");
      await sendMail({ to: "someone@example.com", subject: "Relay check", text: "through the configured server" });
      expect(received).toHaveLength(1);
      expect(received[0]!.toString("utf8")).toContain("Subject: Relay check");
    } finally {
      delete process.env.SMTP_URL;
      forget("mail-transport");
      (await import("@/lib/env")).resetEnvForTests();
      await external.close();
    }
  });

  it("keeps the development mailbox in the database, encrypted, for every instance to list", async () => {
    const { sendMail } = await import("@/lib/mail/transport");
    const { listMailbox } = await import("@/lib/mail/mailbox");
    const to = `mailbox-${Date.now()}@example.com`;
    await sendMail({ to, subject: "Mailbox check", text: "Open https://attest.example/path?token=abc to continue" });
    const mine = (await listMailbox()).find((message) => message.to === to);
    expect(mine).toMatchObject({ subject: "Mailbox check", links: ["https://attest.example/path?token=abc"] });
    const db = await getDb();
    const rows = await db.select().from(devMail).where(eq(devMail.id, Number(mine!.id)));
    expect(rows[0]!.messageEnc.includes(Buffer.from(to))).toBe(false);
  });

  it.each([
    { client: "127.0.0.1", env: {}, may: true },
    { client: "::1", env: {}, may: true },
    { client: "203.0.113.9", env: {}, may: false },
    { client: null, env: {}, may: false },
    { client: "203.0.113.9", env: { DEV_MAILBOX: "1" }, may: true },
    { client: "127.0.0.1", env: { NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540", DEV_MAILBOX: "1" }, may: false },
  ])("lets $client read the mailbox with $env: $may", async ({ client, env, may }) => {
    const { resetEnvForTests } = await import("@/lib/env");
    const { mayReadMailbox } = await import("@/lib/mail/mailbox");
    const saved = { ...process.env };
    Object.assign(process.env, env);
    resetEnvForTests();
    try {
      expect(mayReadMailbox(client)).toBe(may);
    } finally {
      for (const name of Object.keys(env)) {
        if (saved[name] === undefined) delete process.env[name];
        else (process.env as Record<string, string>)[name] = saved[name];
      }
      resetEnvForTests();
    }
  });
});
