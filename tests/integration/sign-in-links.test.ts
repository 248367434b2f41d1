import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { requestSignInLink } from "@/app/actions/auth";
import { createAuthAdapter } from "@/lib/auth/adapter";
import { getDb } from "@/lib/db/client";
import { verificationTokens } from "@/lib/db/schema";
import { listMailbox } from "@/lib/mail/mailbox";
import { blindIndex } from "@/lib/security/encryption";
import { createUser } from "@/tests/support/factories";
import { actFromClient } from "@/tests/support/request-context";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeaders);

/**
 * Sign-in links through the sign-in form's server action, as a browser posts it: at most
 * three unused links per address and per client address in 15 minutes, the same answer
 * for addresses with and without an account, one working link per address.
 */
type Outcome = { redirect: string } | { ok: boolean; message?: string; email?: string };

async function ask(email: string): Promise<Outcome> {
  const form = new FormData();
  form.set("email", email);
  try {
    return await requestSignInLink({ ok: false }, form);
  } catch (error) {
    // Next's redirect() throws; its digest carries the target.
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { redirect: new URL(digest.split(";")[2]!, "http://x").pathname };
  }
}

const linksTo = async (email: string) => (await listMailbox(500)).filter((message) => message.to === email).length;
const uniqueAddress = (prefix: string) => `${prefix}-${crypto.randomUUID()}@example.com`;
const clientAddress = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

describe("sign-in links", () => {
  it("refuses the 4th link in 15 minutes with the same answer for a known and an unknown address", async () => {
    const known = uniqueAddress("known");
    await createUser({ email: known });
    const unknown = uniqueAddress("unknown");
    const answers: Record<string, Outcome[]> = {};
    for (const email of [known, unknown]) {
      actFromClient(clientAddress());
      answers[email] = [];
      for (let i = 0; i < 4; i++) {
        actFromClient(clientAddress()); // a new client each time: the address's own limit
        answers[email].push(await ask(email));
      }
    }
    expect(answers[known]!.slice(0, 3)).toEqual(Array(3).fill({ redirect: "/signin/check-email" }));
    expect(answers[known]![3]).toEqual({ ok: false, message: expect.stringMatching(/sign-in links/), email: known });
    // Word for word the same, apart from the address typed.
    expect(answers[unknown]!.slice(0, 3)).toEqual(answers[known]!.slice(0, 3));
    expect({ ...answers[unknown]![3], email: known }).toEqual(answers[known]![3]);
    expect(await linksTo(known)).toBe(3);
    expect(await linksTo(unknown)).toBe(3);
  });

  it("counts an address however it is written", async () => {
    const email = uniqueAddress("case");
    for (const written of [email, email.toUpperCase(), email.replace("@example.com", "@Example.COM")]) {
      actFromClient(clientAddress());
      expect(await ask(written)).toEqual({ redirect: "/signin/check-email" });
    }
    actFromClient(clientAddress());
    expect(await ask(email.replace("case", "CASE"))).toMatchObject({ ok: false, message: expect.any(String) });
  });

  it("refuses a 4th link from one client address, whatever addresses it names", async () => {
    actFromClient(clientAddress() + "0");
    for (let i = 0; i < 3; i++) expect(await ask(uniqueAddress("spray"))).toEqual({ redirect: "/signin/check-email" });
    const fourth = uniqueAddress("spray");
    expect(await ask(fourth)).toMatchObject({ ok: false, message: expect.any(String) });
    expect(await linksTo(fourth)).toBe(0);
  });

  it("keeps one link per address: a new one replaces older unused ones, and expired links are swept", async () => {
    const db = await getDb();
    const email = uniqueAddress("one");
    const stale = uniqueAddress("stale");
    const adapter = createAuthAdapter(db);
    await adapter.createVerificationToken!({ identifier: stale, token: "stale-token", expires: new Date(Date.now() - 1000) });
    actFromClient(null);
    await ask(email);
    await ask(email);
    const rows = await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, blindIndex("email", email)));
    expect(rows).toHaveLength(1);
    expect(await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, blindIndex("email", stale)))).toHaveLength(0);
  });
});
