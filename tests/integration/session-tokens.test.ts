import { readFileSync } from "node:fs";

import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { createAuthAdapter, sessionTokenHash } from "@/lib/auth/adapter";
import { getDb } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { createUser } from "@/tests/support/factories";

/** Session rows hold the SHA-256 of the cookie's token: reading the table signs nobody in. */
describe("session tokens at rest", () => {
  it("stores only the token's hash, and the stored value does not open the session", async () => {
    const db = await getDb();
    const adapter = createAuthAdapter(db);
    const staff = await createUser({ role: "admin" });
    const token = crypto.randomUUID();
    const created = await adapter.createSession!({ sessionToken: token, userId: staff.id, expires: new Date(Date.now() + 3600_000) });
    expect(created.sessionToken).toBe(token);

    const [row] = await db.select().from(sessions).where(eq(sessions.userId, staff.id));
    expect(row!.sessionToken).not.toContain(token);
    expect(row!.sessionToken).toBe(sessionTokenHash(token));

    expect((await adapter.getSessionAndUser!(token))?.user.id).toBe(staff.id);
    expect(await adapter.getSessionAndUser!(row!.sessionToken)).toBeNull();

    await adapter.updateSession!({ sessionToken: token, expires: new Date(Date.now() + 7200_000) });
    expect((await adapter.getSessionAndUser!(token))?.session.expires.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    await adapter.deleteSession!(token);
    expect(await db.select().from(sessions).where(eq(sessions.userId, staff.id))).toHaveLength(0);
  });

  it("hashes existing rows in the migration exactly as the adapter does, so nobody is signed out", async () => {
    const migration = readFileSync("db/migrations/0005_hash_session_tokens.sql", "utf8");
    const expression = /SET "session_token" = (.+);/.exec(migration)![1]!.replaceAll('"session_token"', "$1");
    const token = crypto.randomUUID();
    const result = (await (await getDb()).execute(sql.raw(expression.replace("$1", `'${token}'`).replace(/^/, "select ").concat(" as hashed")))) as unknown;
    const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    expect((rows[0] as { hashed: string }).hashed).toBe(sessionTokenHash(token));
  });
});
