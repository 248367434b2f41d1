import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeaders);
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { deleteAccountAction, confirmPhoneCodeAction, requestPhoneCodeAction, submitDeclaredItemAction, submitSelfieAction, uploadDocumentAction, withdrawItemAction } from "@/app/(account)/account/actions";
import { continueHereAction, startHandoffAction } from "@/app/(account)/account/handoff-actions";
import { readPassportPhotoAction } from "@/app/(account)/account/passport-photo-actions";
import { issueMyCredential, revokeMyCredential } from "@/app/(account)/account/credentials/actions";
import { savePreferencesAction } from "@/app/(account)/account/notifications/actions";
import { regrantAction, revokeAction } from "@/app/(account)/account/partners/actions";
import { requestSignInLink } from "@/app/actions/auth";
import { askConsentAction, checkStatusAction, fetchDataAction } from "@/app/demo/actions";
import { submitConsentDecision } from "@/app/kyc/grant/[ocid]/actions";
import { createHandoff } from "@/lib/auth/handoff";
import { createDecisionToken } from "@/lib/consent/decision-token";
import { getDb } from "@/lib/db/client";
import { auditLog, credentials, documents, grants, handoffTokens, identityItems, phoneCodes, sessions, users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { IDLE } from "@/lib/http/action-state";
import { listMailbox } from "@/lib/mail/mailbox";
import { createUser, setGrants, uniqueEmail } from "@/tests/support/factories";
import { PNG, passportFields } from "@/tests/support/identity";
import { createTestPartner, startMetadataServer, stopMetadataServer } from "@/tests/support/ocn-partners";
import { form } from "@/tests/support/form";
import { actAs, fromOrigin } from "@/tests/support/request-context";

/**
 * Every server action a person or a visitor can run (the console's are in console-roles)
 * goes through the one wrapper: from another site, or signed out where a person is needed,
 * it answers the one refusal, `{ok: false, message}`, and nothing in the database changes.
 * Each row's call would change something if it were let through (the "works" cases show
 * that for the rows whose effect stays inside the test's own data).
 */
type Person = { id: string; ocid: number; email: string };
type Row = {
  file: string;
  name: string;
  /** "public" actions anyone may run; "user" actions need a signed-in person. */
  level: "public" | "user";
  setup: (person: Person) => Promise<unknown>;
  call: (fixture: unknown, person: Person) => Promise<unknown>;
  /** What the call may change, besides the person's own rows (always compared). */
  state?: (fixture: unknown, person: Person) => Promise<unknown>;
  /** A permitted call, from Attest's own page: what it does. */
  works?: (outcome: Outcome, person: Person) => Promise<void>;
};

type Outcome = { returned: unknown } | { redirect: string };

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { returned: await run() };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return { redirect: digest.split(";")[2]! };
    throw error;
  }
}

/** Everything a person's actions can touch. */
async function rowsOf(person: Person) {
  const db = await getDb();
  return {
    user: (await db.select({ id: users.id }).from(users).where(eq(users.id, person.id))).length,
    items: await db.select({ item: identityItems.item, state: identityItems.state, updatedAt: identityItems.updatedAt }).from(identityItems).where(eq(identityItems.userId, person.id)),
    documents: (await db.select({ id: documents.id }).from(documents).where(eq(documents.userId, person.id))).length,
    phoneCodes: (await db.select({ userId: phoneCodes.userId }).from(phoneCodes).where(eq(phoneCodes.userId, person.id))).length,
    grants: await db.select({ partnerOcid: grants.partnerOcid, item: grants.item, decision: grants.decision }).from(grants).where(eq(grants.userId, person.id)),
    credentials: await db.select({ id: credentials.id, revokedAt: credentials.revokedAt }).from(credentials).where(eq(credentials.userId, person.id)),
    audit: (await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.subjectUserId, person.id))).length,
  };
}

const handoffsOf = async (person: Person) =>
  (await getDb()).select({ item: handoffTokens.item, usedAt: handoffTokens.usedAt }).from(handoffTokens).where(eq(handoffTokens.userId, person.id));
const sessionsOf = async (person: Person) => (await (await getDb()).select({ expires: sessions.expires }).from(sessions).where(eq(sessions.userId, person.id))).length;
const demoInput = (person: Person) => ({ userOcid: String(person.ocid), grants: ["name"] });
const linksTo = async (email: string) => (await listMailbox(500)).filter((message) => message.to === email).length;

const rows: Row[] = [
  {
    file: "(account)/account/actions.ts",
    name: "submitDeclaredItemAction",
    level: "user",
    setup: async () => null,
    call: () => submitDeclaredItemAction(IDLE, form({ item: "name", first_name: "Ada", last_name: "Lovelace" })),
    works: async (outcome, person) => {
      expect(outcome).toEqual({ redirect: "/account?submitted=name" });
      // The name is screened too when a sanctions list is loaded (on a shared database, another test's).
      expect((await rowsOf(person)).items).toEqual(expect.arrayContaining([expect.objectContaining({ item: "name", state: "pending" })]));
    },
  },
  {
    file: "(account)/account/actions.ts",
    name: "requestPhoneCodeAction",
    level: "user",
    setup: async () => null,
    call: () => requestPhoneCodeAction(IDLE, form({ phone: "+2348012345678" })),
  },
  {
    file: "(account)/account/actions.ts",
    name: "confirmPhoneCodeAction",
    level: "user",
    setup: async () => null,
    call: () => confirmPhoneCodeAction(IDLE, form({ code: "123456" })),
  },
  {
    file: "(account)/account/actions.ts",
    name: "uploadDocumentAction",
    level: "user",
    setup: async () => null,
    call: () => uploadDocumentAction(IDLE, form({ item: "id_card", ...passportFields(), front: new File([PNG], "front.png", { type: "image/png" }) })),
  },
  {
    file: "(account)/account/actions.ts",
    name: "submitSelfieAction",
    level: "user",
    setup: async () => null,
    call: () => submitSelfieAction(IDLE, form({ selfie: new File([PNG], "selfie.png", { type: "image/png" }) })),
  },
  {
    // Reads the photo and stores nothing: the row shows it refuses before touching the models.
    file: "(account)/account/passport-photo-actions.ts",
    name: "readPassportPhotoAction",
    level: "user",
    setup: async () => null,
    call: () => readPassportPhotoAction(form({ front: new File([PNG], "passport.png", { type: "image/png" }) })),
  },
  {
    file: "(account)/account/handoff-actions.ts",
    name: "startHandoffAction",
    level: "user",
    setup: async () => null,
    call: () => startHandoffAction("passport"),
    state: (_fixture, person) => handoffsOf(person),
    works: async (outcome, person) => {
      expect(outcome).toEqual({
        returned: { ok: true, link: expect.stringMatching(/\/account\/continue\/[A-Za-z0-9_-]{43}$/), qr: expect.stringMatching(/^data:image\/svg\+xml;base64,/), expiresAt: expect.any(String) },
      });
      expect(await handoffsOf(person)).toMatchObject([{ item: "passport", usedAt: null }]);
    },
  },
  {
    // Public: the other device has no session. From another site it must neither spend the link nor sign anyone in.
    file: "(account)/account/handoff-actions.ts",
    name: "continueHereAction",
    level: "public",
    setup: async (person) => (await createHandoff(await getDb(), { id: person.id, role: null }, "passport")).token,
    call: (token) => continueHereAction(token),
    // A session is opened only in the transaction that spends the link: an unspent link means none was.
    state: (_fixture, person) => handoffsOf(person),
    works: async (outcome, person) => {
      expect(outcome).toEqual({ redirect: "/account/items/passport" });
      expect(await handoffsOf(person)).toMatchObject([{ item: "passport", usedAt: expect.any(Date) }]);
      // The test's own session was this device's: it ended, and the link's took its place.
      expect(await sessionsOf(person)).toBe(1);
    },
  },
  {
    file: "(account)/account/actions.ts",
    name: "withdrawItemAction",
    level: "user",
    setup: async () => null,
    call: () => withdrawItemAction(IDLE, form({ item: "name" })),
    works: async (outcome, person) => {
      expect(outcome).toEqual({ redirect: "/account" });
      expect((await rowsOf(person)).items).toMatchObject([{ item: "name", state: "missing" }]);
    },
  },
  {
    file: "(account)/account/actions.ts",
    name: "deleteAccountAction",
    level: "user",
    setup: async () => null,
    call: () => deleteAccountAction(IDLE, form({ confirm: "DELETE" })),
  },
  {
    file: "(account)/account/credentials/actions.ts",
    name: "issueMyCredential",
    level: "user",
    setup: async () => null,
    call: () => issueMyCredential(),
  },
  {
    file: "(account)/account/credentials/actions.ts",
    name: "revokeMyCredential",
    level: "user",
    setup: async () => null,
    call: () => revokeMyCredential(IDLE, form({ credentialId: crypto.randomUUID() })),
  },
  {
    file: "(account)/account/partners/actions.ts",
    name: "revokeAction",
    level: "user",
    setup: async (person) => {
      const partner = await createTestPartner();
      await setGrants(person.id, partner.ocid, { name: "granted" });
      return partner;
    },
    call: (partner) => revokeAction(IDLE, form({ partnerOcid: String((partner as { ocid: number }).ocid) })),
    works: async (outcome, person) => {
      expect(outcome).toEqual({ returned: { ok: true, message: "Access taken back: 1 item." } });
      expect((await rowsOf(person)).grants).toMatchObject([{ item: "name", decision: "revoked" }]);
    },
  },
  {
    file: "(account)/account/notifications/actions.ts",
    name: "savePreferencesAction",
    level: "user",
    setup: async () => null,
    call: () => savePreferencesAction(IDLE, form({ decisions: "on" })),
  },
  {
    file: "(account)/account/partners/actions.ts",
    name: "regrantAction",
    level: "user",
    setup: async (person) => {
      const partner = await createTestPartner();
      await setGrants(person.id, partner.ocid, { name: "revoked" });
      return partner;
    },
    call: (partner) => regrantAction(IDLE, form({ partnerOcid: String((partner as { ocid: number }).ocid), item: "name" })),
  },
  {
    file: "kyc/grant/[ocid]/actions.ts",
    name: "submitConsentDecision",
    level: "user",
    setup: async (person) => {
      const partner = await createTestPartner();
      return { partner, token: createDecisionToken(person.id, partner.ocid) };
    },
    call: (fixture, person) => {
      const { partner, token } = fixture as { partner: { ocid: number }; token: string };
      return submitConsentDecision(
        IDLE,
        form({ intent: "share", token, share: ["name"], ocid: String(partner.ocid), grants: "name", user_ocid: String(person.ocid), callback_url: "http://127.0.0.1/cb" }),
      );
    },
  },
  {
    file: "actions/auth.ts",
    name: "requestSignInLink",
    level: "public",
    setup: async () => null,
    call: (_fixture, person) => requestSignInLink({ ok: false }, form({ email: person.email })),
    state: (_fixture, person) => linksTo(person.email),
  },
  { file: "demo/actions.ts", name: "checkStatusAction", level: "public", setup: async () => null, call: (_fixture, person) => checkStatusAction(demoInput(person)) },
  { file: "demo/actions.ts", name: "fetchDataAction", level: "public", setup: async () => null, call: (_fixture, person) => fetchDataAction(demoInput(person)) },
  { file: "demo/actions.ts", name: "askConsentAction", level: "public", setup: async () => null, call: (_fixture, person) => askConsentAction(demoInput(person)) },
];

/** Actions outside the wrapper, and why: each only ends the caller's own session. */
const UNWRAPPED = ["actions/auth.ts signOutAction", "kyc/grant/[ocid]/actions.ts switchAccount"];

async function person(): Promise<Person> {
  const email = uniqueEmail("guards");
  const created = await createUser({ email, items: { name: { state: "verified", value: { first_name: "Grace", last_name: "Hopper" } } } });
  return { id: created.id, ocid: created.ocid, email };
}

const REFUSAL = { returned: { ok: false, message: expect.any(String) } };
const title = (row: Row) => `${row.file} ${row.name}`;

beforeAll(startMetadataServer);
afterAll(stopMetadataServer);

describe("every person's and visitor's action refuses one way", () => {
  const cases = rows.flatMap((row) => [
    { row, how: "from another site", signedIn: true, origin: "https://evil.example" as string | null },
    { row, how: "without an Origin", signedIn: true, origin: null },
    ...(row.level === "user" ? [{ row, how: "signed out", signedIn: false, origin: getEnv().publicUrl.origin }] : []),
  ]);
  for (const { row, how, signedIn, origin } of cases) {
    it(`${title(row)} refuses a call ${how}, and nothing changes`, async () => {
      const who = await person();
      const fixture = await row.setup(who);
      const before = { rows: await rowsOf(who), state: await row.state?.(fixture, who) };
      await actAs(signedIn ? who.id : null);
      fromOrigin(origin);
      expect(await outcomeOf(() => row.call(fixture, who))).toEqual(REFUSAL);
      expect({ rows: await rowsOf(who), state: await row.state?.(fixture, who) }).toEqual(before);
    });
  }

  for (const row of rows.filter((one) => one.works)) {
    it(`${title(row)} works from Attest's own page`, async () => {
      const who = await person();
      const fixture = await row.setup(who);
      await actAs(who.id);
      await row.works!(await outcomeOf(() => row.call(fixture, who)), who);
    });
  }
});

describe("the table covers every server action", () => {
  function actionFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return actionFiles(full);
      return /\.tsx?$/.test(entry.name) && readFileSync(full, "utf8").startsWith('"use server"') ? [path.relative("app", full)] : [];
    });
  }

  it("has a row for every exported action outside the console, and the wrapper in each", async () => {
    const exported: string[] = [];
    for (const file of actionFiles("app").filter((one) => !one.startsWith("(admin)"))) {
      const exports = (await import(/* @vite-ignore */ path.resolve("app", file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) if (typeof value === "function") exported.push(`${file} ${name}`);
      const source = readFileSync(path.join("app", file), "utf8");
      for (const name of Object.keys(exports)) {
        if (UNWRAPPED.includes(`${file} ${name}`)) continue;
        expect(source, `${file} ${name}`).toMatch(new RegExp(`export const ${name} = (publicAction|userAction)\\(`));
      }
    }
    expect([...rows.map(title), ...UNWRAPPED].sort()).toEqual(exported.sort());
  });
});
