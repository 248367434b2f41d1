import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeaders);
// Revalidation needs Next's render cache; what an action changed is read back from the database instead.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { createAccountAction, createApiKeyAction, mintAccountTokenAction, revokeApiKeyAction, setRateLimitAction, topUpAction } from "@/app/(admin)/admin/accounts/actions";
import { consistencyAction, verifyLogAction } from "@/app/(admin)/admin/audit/actions";
import { GET as exportAudit } from "@/app/(admin)/admin/audit/export/route";
import { GET as downloadTreeHead } from "@/app/(admin)/admin/audit/head/route";
import { POST as postDecision } from "@/app/(admin)/admin/cases/[userId]/decisions/route";
import { revokeCredentialAction } from "@/app/(admin)/admin/credentials/actions";
import { GET as getDocument } from "@/app/(admin)/admin/documents/[id]/route";
import { savePartnerAction, setPartnerStatusAction } from "@/app/(admin)/admin/partners/actions";
import { assignAction, decideAction } from "@/app/(admin)/admin/review-actions";
import { rescreenAction, uploadSanctionsListAction } from "@/app/(admin)/admin/sanctions/actions";
import { changeRoleAction, inviteStaffAction } from "@/app/(admin)/admin/staff/actions";
import { recordAudit } from "@/lib/audit/log";
import { latestTreeHead, sequenceAll, toSignedTreeHead } from "@/lib/transparency/tree";
import { PERMISSIONS, STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { changeStaffRole, inviteStaff } from "@/lib/auth/staff";
import { createAccount, createApiKey, getAccount, ledgerSum, listApiKeys, revokeApiKey, topUp } from "@/lib/credentials/accounts";
import { revokeByStaff } from "@/lib/credentials/manage";
import { allocateStatusEntry } from "@/lib/credentials/status-list";
import { getDb } from "@/lib/db/client";
import { auditLog, credentials, identityItems, outbox, sanctionsLists, sessions, users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { storeDocument } from "@/lib/documents/store";
import { SANCTIONS_CSV_HEADER } from "@/lib/screening/csv";
import { IDLE } from "@/lib/http/action-state";
import { getPartner } from "@/lib/ocn/partner-registry";
import { createEndpointAction, deleteEndpointAction, resendAction, sendTestEventAction, setEnabledAction } from "@/app/(admin)/admin/webhooks/actions";
import { saveChecksPolicyAction } from "@/app/(admin)/admin/checks/actions";
import { getChecksPolicy } from "@/lib/checks/policy";
import { createEndpoint, getEndpoint, listDeliveries, listEndpoints, sendTestEvent } from "@/lib/events/endpoints";
import { decideItem } from "@/lib/review/decide";
import { assignCase } from "@/lib/review/queue";
import { blindIndex } from "@/lib/security/encryption";
import { createUser, uniqueEmail, uniquePartnerOcid } from "@/tests/support/factories";
import { PNG } from "@/tests/support/identity";
import { createTestPartner, publish, signedMetadata, startMetadataServer, stopMetadataServer } from "@/tests/support/ocn-partners";
import { form } from "@/tests/support/form";
import { actAs, fromOrigin } from "@/tests/support/request-context";

/**
 * SPEC §7: every server action and route of the console re-checks the role.
 * Each row calls the real action or route handler as a real signed-in person
 * (an Auth.js database session; the role read from the database). Everyone
 * the row does not allow is refused and nothing changes; a permitted role
 * making the same call does change it, so the refusal is the role's doing.
 */
const CONSOLE = "app/(admin)/admin";
const DAY = 24 * 60 * 60 * 1000;
const SYSTEM = { type: "system" as const };

type Who = "signed out" | "non-staff" | StaffRole;
type Actor = { who: Who; id: string | null };

type Outcome = { kind: "returned"; value: unknown } | { kind: "threw"; digest: string } | { kind: "response"; status: number; type: string | null; body: Buffer };
/**
 * "refused": the action wrapper's one refusal, `{ok: false, message}`. "staff guard": the
 * route guard's error envelope, 404 NOT_FOUND to outsiders and 403 FORBIDDEN to staff.
 */
type Refusal = "refused" | "staff guard";

type Row<F> = {
  file: string;
  name: string;
  label?: string;
  allowed: readonly StaffRole[];
  setup: () => Promise<F>;
  call: (fixture: F) => Promise<unknown>;
  /** What the call may change, read back from the database. */
  state: (fixture: F) => Promise<unknown>;
  refusal: Refusal;
  /** The permitted call: by default it must change `state`. */
  granted?: (outcome: Outcome, fixture: F, actor: Actor) => void | Promise<void>;
  readOnly?: true;
  /** Where a permitted call would reach past this test's own data (everyone's screening), only refusals run. */
  refusalsOnly?: true;
};
const row = <F,>(spec: Row<F>) => spec as unknown as Row<unknown>;

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const value = await run();
    if (value instanceof Response) return { kind: "response", status: value.status, type: value.headers.get("content-type"), body: Buffer.from(await value.arrayBuffer()) };
    return { kind: "returned", value };
  } catch (error) {
    // notFound() and redirect() end a server action by throwing an error that carries a digest.
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string") return { kind: "threw", digest };
    throw error;
  }
}

const redirectedTo = (outcome: Outcome) => (outcome.kind === "threw" && outcome.digest.startsWith("NEXT_REDIRECT;") ? outcome.digest.split(";")[2] : null);
const returned = (outcome: Outcome) => (outcome.kind === "returned" ? outcome.value : undefined);

/** An audit entry in a signed tree head, and that head as the console's download writes it. */
async function signedHead(): Promise<{ head: string }> {
  const db = await getDb();
  await db.transaction((tx) => recordAudit(tx, { actor: SYSTEM, action: "test.roles" }));
  await sequenceAll(db);
  return { head: JSON.stringify(toSignedTreeHead((await latestTreeHead(db))!)) };
}

/** A partner's webhook endpoint, made as the system would. */
async function partnerEndpoint(): Promise<{ id: string }> {
  const { ocid } = await createTestPartner();
  const { endpoint } = await createEndpoint(await getDb(), { owner: { kind: "partner", ocid }, url: "http://127.0.0.1:9/hooks", eventTypes: ["consent.updated"] }, SYSTEM);
  return { id: endpoint.id };
}

function expectRefusal(outcome: Outcome, refusal: Refusal, who: Who): void {
  if (refusal === "refused") {
    expect(outcome, who).toEqual({ kind: "returned", value: { ok: false, message: expect.any(String) } });
  } else {
    const [status, code] = who === "signed out" || who === "non-staff" ? [404, "NOT_FOUND"] : [403, "FORBIDDEN"];
    expect(outcome, who).toMatchObject({ kind: "response", status });
    if (outcome.kind !== "response") return;
    expect(JSON.parse(outcome.body.toString("utf8"))).toEqual({ error: { code, message: expect.any(String) } });
  }
}

async function actor(who: Who): Promise<Actor> {
  if (who === "signed out") {
    await actAs(null);
    return { who, id: null };
  }
  const person = await createUser(who === "non-staff" ? {} : { role: who });
  await actAs(person.id);
  return { who, id: person.id };
}

async function entriesBy(id: string | null) {
  if (!id) return [];
  return (await getDb()).select({ action: auditLog.action, details: auditLog.details }).from(auditLog).where(eq(auditLog.actorId, id));
}

const url = (pathname: string) => new URL(pathname, getEnv().publicUrl).toString();

async function systemAccount() {
  return createAccount(await getDb(), { name: `Roles ${crypto.randomUUID().slice(0, 8)}` }, SYSTEM);
}

async function pendingCase() {
  const person = await createUser({ items: { id_card: { state: "pending", value: { number: "X1", country: "NG", issued_at: "2021-01-01", expires_at: "2031-01-01", images: { front: crypto.randomUUID() } } } } });
  return { userId: person.id };
}

async function itemOf(userId: string) {
  const [item] = await (await getDb()).select({ state: identityItems.state, assignedTo: identityItems.assignedTo }).from(identityItems).where(eq(identityItems.userId, userId));
  return item;
}

async function keysOf(accountId: string) {
  return (await listApiKeys(await getDb(), accountId)).map((key) => ({ id: key.id, revokedAt: key.revokedAt }));
}

async function roleOf(userId: string) {
  const [user] = await (await getDb()).select({ role: users.role }).from(users).where(eq(users.id, userId));
  return user?.role;
}

/** A credential row of a fresh person, enough for revocation to act on. */
async function storedCredential() {
  const db = await getDb();
  const person = await createUser();
  const entry = await db.transaction((tx) => allocateStatusEntry(tx));
  const [credential] = await db
    .insert(credentials)
    .values({ userId: person.id, tier: "basic", items: ["name"], kid: "k1", statusListId: entry.listId, statusIndex: entry.index, issuedAt: new Date(), expiresAt: new Date(Date.now() + DAY) })
    .returning({ id: credentials.id });
  return credential!;
}

async function revocationOf(credential: { id: string }) {
  return (await (await getDb()).select({ revokedAt: credentials.revokedAt }).from(credentials).where(eq(credentials.id, credential.id)))[0];
}

async function partnerForm(ocid: number, name: string, metadataUrl: string) {
  return form({ ocid: String(ocid), name, metadataUrl, callbackOrigins: "", allowedGrants: ["email", "name"], retentionNote: "" });
}

const ALL: readonly StaffRole[] = ["reviewer", "admin", "auditor"];
const DECIDE: readonly StaffRole[] = ["reviewer", "admin"];
const ADMIN: readonly StaffRole[] = ["admin"];

const rows: Row<unknown>[] = [
  // ── accounts/actions.ts ──
  row({
    file: "accounts/actions.ts",
    name: "createAccountAction",
    allowed: ADMIN,
    setup: async () => ({ name: `Roles ${crypto.randomUUID()}` }),
    call: ({ name }) => createAccountAction(IDLE, form({ name, partnerOcid: "" })),
    state: async ({ name }) => (await getDb()).select({ id: sql`id` }).from(sql`api_accounts`).where(sql`name = ${name}`),
    refusal: "refused",
    granted: (outcome) => expect(redirectedTo(outcome)).toMatch(/^\/admin\/accounts\/[0-9a-f-]{36}$/),
  }),
  row({
    file: "accounts/actions.ts",
    name: "createApiKeyAction",
    allowed: ADMIN,
    setup: systemAccount,
    call: (account) => createApiKeyAction(IDLE, form({ accountId: account.id, mode: "test" })),
    state: (account) => keysOf(account.id),
    refusal: "refused",
    granted: (outcome) => expect(returned(outcome)).toMatchObject({ secret: expect.stringMatching(/^sk_test_/) }),
  }),
  row({
    file: "accounts/actions.ts",
    name: "revokeApiKeyAction",
    allowed: ADMIN,
    setup: async () => {
      const account = await systemAccount();
      return { account, key: await createApiKey(await getDb(), account.id, "test", SYSTEM) };
    },
    call: ({ account, key }) => revokeApiKeyAction(IDLE, form({ keyId: key.id, accountId: account.id })),
    state: ({ account }) => keysOf(account.id),
    refusal: "refused",
    granted: (outcome) => expect(returned(outcome)).toEqual({ ok: true, message: "Key revoked." }),
  }),
  row({
    file: "accounts/actions.ts",
    name: "topUpAction",
    allowed: ADMIN,
    setup: systemAccount,
    call: (account) => topUpAction(IDLE, form({ accountId: account.id, credits: "5", note: "" })),
    state: async (account) => ({ balance: (await getAccount(await getDb(), account.id))?.balance, ledger: await ledgerSum(await getDb(), account.id) }),
    refusal: "refused",
  }),
  row({
    file: "accounts/actions.ts",
    name: "setRateLimitAction",
    allowed: ADMIN,
    setup: systemAccount,
    call: (account) => setRateLimitAction(IDLE, form({ accountId: account.id, rateLimitPerMinute: "42" })),
    state: async (account) => (await getAccount(await getDb(), account.id))?.rateLimitPerMinute,
    refusal: "refused",
  }),
  row({
    file: "accounts/actions.ts",
    name: "mintAccountTokenAction",
    allowed: ADMIN,
    setup: systemAccount,
    call: (account) => mintAccountTokenAction(IDLE, form({ accountId: account.id })),
    state: async () => null,
    refusal: "refused",
    readOnly: true,
    granted: (outcome) => expect(returned(outcome)).toMatchObject({ secret: expect.any(String) }),
  }),
  // ── audit/actions.ts ──
  row({
    file: "audit/actions.ts",
    name: "verifyLogAction",
    allowed: ALL,
    setup: async () => null,
    call: () => verifyLogAction(),
    state: async () => null,
    refusal: "refused",
    readOnly: true,
    granted: (outcome) => expect(returned(outcome)).toMatchObject({ message: expect.stringMatching(/^The log (holds|does not hold)/) }),
  }),
  row({
    file: "audit/actions.ts",
    name: "consistencyAction",
    allowed: ALL,
    setup: signedHead,
    call: ({ head }) => consistencyAction(IDLE, form({ head })),
    state: async () => null,
    refusal: "refused",
    readOnly: true,
    granted: (outcome) => expect(returned(outcome)).toMatchObject({ result: { consistent: true, signatureValid: true } }),
  }),
  // ── audit/head/route.ts ──
  row({
    file: "audit/head/route.ts",
    name: "GET",
    allowed: ALL,
    setup: signedHead,
    call: () => downloadTreeHead(new Request(url("/admin/audit/head"))),
    state: async () => null,
    refusal: "staff guard",
    readOnly: true,
    granted: (outcome) => {
      expect(outcome).toMatchObject({ kind: "response", status: 200 });
      if (outcome.kind === "response") expect(JSON.parse(outcome.body.toString("utf8"))).toMatchObject({ log: "attest-audit-log/v1", size: expect.any(Number) });
    },
  }),
  // ── audit/export/route.ts ──
  row({
    file: "audit/export/route.ts",
    name: "GET",
    allowed: ALL,
    setup: async () => {
      const person = await createUser();
      await (await getDb()).transaction((tx) => recordAudit(tx, { actor: SYSTEM, action: "test.roles", subjectUserId: person.id }));
      return { subject: person.id };
    },
    call: ({ subject }) => exportAudit(new Request(url(`/admin/audit/export?subject=${subject}`))),
    state: async () => null,
    refusal: "staff guard",
    readOnly: true,
    granted: (outcome, { subject }) => {
      expect(outcome).toMatchObject({ kind: "response", status: 200 });
      if (outcome.kind === "response") expect(outcome.body.toString("utf8")).toContain(`"subjectUserId":"${subject}"`);
    },
  }),
  // ── cases/[userId]/decisions/route.ts ──
  row({
    file: "cases/[userId]/decisions/route.ts",
    name: "POST",
    allowed: DECIDE,
    setup: pendingCase,
    call: ({ userId }) =>
      postDecision(
        new Request(url(`/admin/cases/${userId}/decisions`), {
          method: "POST",
          headers: { "content-type": "application/json", origin: getEnv().publicUrl.origin },
          body: JSON.stringify({ decision: "approve", item: "id_card" }),
        }),
        { params: Promise.resolve({ userId }) },
      ),
    state: ({ userId }) => itemOf(userId),
    refusal: "staff guard",
    granted: (outcome) => expect(outcome).toMatchObject({ kind: "response", status: 200 }),
  }),
  // ── credentials/actions.ts ──
  row({
    file: "credentials/actions.ts",
    name: "revokeCredentialAction",
    allowed: ADMIN,
    setup: storedCredential,
    call: (credential) => revokeCredentialAction(IDLE, form({ credentialId: credential.id })),
    state: revocationOf,
    refusal: "refused",
    granted: (outcome) => expect(returned(outcome)).toEqual({ ok: true, message: "Revoked." }),
  }),
  // ── documents/[id]/route.ts ──
  row({
    file: "documents/[id]/route.ts",
    name: "GET",
    allowed: ALL,
    setup: async () => {
      const person = await createUser();
      return { id: await storeDocument(await getDb(), { userId: person.id, item: "passport", side: "front", contentType: "image/png", bytes: PNG }) };
    },
    call: ({ id }) => getDocument(new Request(url(`/admin/documents/${id}`)), { params: Promise.resolve({ id }) }),
    state: async () => null,
    refusal: "staff guard",
    readOnly: true,
    granted: async (outcome, { id }, caller) => {
      expect(outcome).toMatchObject({ kind: "response", status: 200, type: "image/png" });
      if (outcome.kind === "response") expect(new Uint8Array(outcome.body)).toEqual(PNG);
      // Looking at a person's document is recorded as an access, by whom and to what.
      expect((await entriesBy(caller.id)).map((entry) => [entry.action, entry.details])).toEqual([["document.viewed", { documentId: id, item: "passport" }]]);
    },
  }),
  // ── partners/actions.ts ──
  row({
    file: "partners/actions.ts",
    name: "savePartnerAction",
    label: "register",
    allowed: ADMIN,
    setup: async () => {
      const { generatePrivateKey } = await import("@/lib/ocn/secp256k1");
      const metadataUrl = publish(`/roles/${crypto.randomUUID()}.json`, { status: 200, body: JSON.stringify(signedMetadata(generatePrivateKey())) });
      return { ocid: uniquePartnerOcid(), metadataUrl };
    },
    call: async ({ ocid, metadataUrl }) => savePartnerAction("register", IDLE, await partnerForm(ocid, "Roles Partner", metadataUrl)),
    state: async ({ ocid }) => getPartner(await getDb(), ocid),
    refusal: "refused",
    granted: (outcome, { ocid }) => expect(redirectedTo(outcome)).toBe(`/admin/partners/${ocid}?saved=1`),
  }),
  row({
    file: "partners/actions.ts",
    name: "savePartnerAction",
    label: "update",
    allowed: ADMIN,
    setup: async () => {
      const partner = await createTestPartner();
      return { ocid: partner.ocid, metadataUrl: (await getPartner(await getDb(), partner.ocid))!.metadataUrl };
    },
    call: async ({ ocid, metadataUrl }) => savePartnerAction("update", IDLE, await partnerForm(ocid, "Renamed Partner", metadataUrl)),
    state: async ({ ocid }) => (await getPartner(await getDb(), ocid))?.name,
    refusal: "refused",
    granted: (outcome) => expect(returned(outcome)).toEqual({ ok: true, message: "Saved: metadata fetched and its signature verified." }),
  }),
  row({
    file: "partners/actions.ts",
    name: "setPartnerStatusAction",
    allowed: ADMIN,
    setup: () => createTestPartner(),
    call: ({ ocid }) => setPartnerStatusAction(IDLE, form({ ocid: String(ocid), status: "suspended" })),
    state: async ({ ocid }) => (await getPartner(await getDb(), ocid))?.status,
    refusal: "refused",
  }),
  // ── review-actions.ts ──
  row({
    file: "review-actions.ts",
    name: "decideAction",
    allowed: DECIDE,
    setup: pendingCase,
    call: ({ userId }) => decideAction(userId, IDLE, form({ decision: "approve", item: "id_card" })),
    state: ({ userId }) => itemOf(userId),
    refusal: "refused",
    granted: (outcome) => expect(redirectedTo(outcome)).toMatch(/^\/admin/),
  }),
  row({
    file: "review-actions.ts",
    name: "assignAction",
    allowed: DECIDE,
    setup: pendingCase,
    call: ({ userId }) => assignAction(IDLE, form({ userId })),
    state: ({ userId }) => itemOf(userId),
    refusal: "refused",
    granted: async (outcome, { userId }, by) => {
      expect(redirectedTo(outcome)).toBe(`/admin/cases/${userId}`);
      expect((await itemOf(userId))?.assignedTo).toBe(by.id);
    },
  }),
  // ── webhooks/actions.ts ──
  row({
    file: "webhooks/actions.ts",
    name: "createEndpointAction",
    allowed: ADMIN,
    setup: () => createTestPartner(),
    call: ({ ocid }) => createEndpointAction(IDLE, form({ ownerKind: "partner", partnerOcid: String(ocid), url: "http://127.0.0.1:9/hooks", eventTypes: "consent.updated" })),
    state: async ({ ocid }) => (await listEndpoints(await getDb(), { partnerOcid: ocid })).length,
    refusal: "refused",
    granted: (outcome) => expect(returned(outcome)).toMatchObject({ ok: true, endpointId: expect.any(String) }),
  }),
  row({
    file: "webhooks/actions.ts",
    name: "sendTestEventAction",
    allowed: ADMIN,
    setup: partnerEndpoint,
    call: ({ id }) => sendTestEventAction(form({ endpointId: id })),
    state: async ({ id }) => (await listDeliveries(await getDb(), id)).length,
    refusal: "refused",
    granted: (outcome, { id }) => expect(redirectedTo(outcome)).toBe(`/admin/webhooks/${id}?done=test`),
  }),
  row({
    file: "webhooks/actions.ts",
    name: "setEnabledAction",
    allowed: ADMIN,
    setup: partnerEndpoint,
    call: ({ id }) => setEnabledAction(form({ endpointId: id, enabled: "false" })),
    state: async ({ id }) => (await getEndpoint(await getDb(), id))?.enabled,
    refusal: "refused",
    granted: (outcome, { id }) => expect(redirectedTo(outcome)).toBe(`/admin/webhooks/${id}?done=disabled`),
  }),
  row({
    file: "webhooks/actions.ts",
    name: "resendAction",
    allowed: ADMIN,
    setup: async () => {
      const endpoint = await partnerEndpoint();
      const eventId = await sendTestEvent(await getDb(), endpoint.id, SYSTEM);
      await (await getDb()).update(outbox).set({ deliveredAt: new Date() }).where(eq(outbox.id, eventId));
      return { ...endpoint, eventId };
    },
    call: ({ id, eventId }) => resendAction(form({ endpointId: id, eventId })),
    state: async ({ eventId }) => (await (await getDb()).select({ deliveredAt: outbox.deliveredAt }).from(outbox).where(eq(outbox.id, eventId)))[0]?.deliveredAt ?? null,
    refusal: "refused",
    granted: (outcome, { id }) => expect(redirectedTo(outcome)).toBe(`/admin/webhooks/${id}?done=resent`),
  }),
  row({
    file: "webhooks/actions.ts",
    name: "deleteEndpointAction",
    allowed: ADMIN,
    setup: partnerEndpoint,
    call: ({ id }) => deleteEndpointAction(form({ endpointId: id })),
    state: async ({ id }) => (await getEndpoint(await getDb(), id))?.id ?? null,
    refusal: "refused",
    granted: (outcome) => expect(redirectedTo(outcome)).toBe("/admin/webhooks"),
  }),
  // ── checks/actions.ts ──
  row({
    file: "checks/actions.ts",
    name: "saveChecksPolicyAction",
    allowed: ADMIN,
    setup: async () => ({ share: 0.01 + Math.floor(Math.random() * 900) / 1000 }),
    call: ({ share }) =>
      saveChecksPolicyAction(IDLE, form({ autoResubmit: "on", samplingPercent: String(share * 100), faceMatch: "0.9", antispoof: "0.5", liveness: "0.5" })),
    state: async () => (await getChecksPolicy(await getDb())).samplingShare,
    refusal: "refused",
    granted: (outcome) => expect(returned(outcome)).toMatchObject({ ok: true }),
  }),
  // ── sanctions/actions.ts ──
  row({
    file: "sanctions/actions.ts",
    name: "uploadSanctionsListAction",
    allowed: ADMIN,
    setup: async () => ({ name: `roles-${crypto.randomUUID()}.csv` }),
    call: ({ name }) =>
      uploadSanctionsListAction(IDLE, form({ file: new File([`${SANCTIONS_CSV_HEADER}\nroles-1,Person,Nobody Atall,,1900-01-01,xx,,,,,,,test,,,\n`], name, { type: "text/csv" }) })),
    state: async ({ name }) => (await getDb()).select({ id: sanctionsLists.id }).from(sanctionsLists).where(eq(sanctionsLists.source, `upload: ${name}`)),
    refusal: "refused",
    refusalsOnly: true,
  }),
  row({
    file: "sanctions/actions.ts",
    name: "rescreenAction",
    allowed: ADMIN,
    setup: async () => null,
    call: () => rescreenAction(),
    state: async () => null,
    refusal: "refused",
    refusalsOnly: true,
  }),
  // ── staff/actions.ts ──
  row({
    file: "staff/actions.ts",
    name: "inviteStaffAction",
    allowed: ADMIN,
    setup: async () => ({ email: uniqueEmail("roles-invite") }),
    call: ({ email }) => inviteStaffAction(IDLE, form({ email, role: "reviewer" })),
    state: async ({ email }) => (await (await getDb()).select({ role: users.role }).from(users).where(eq(users.email, blindIndex("email", email))))[0]?.role ?? null,
    refusal: "refused",
  }),
  row({
    file: "staff/actions.ts",
    name: "changeRoleAction",
    allowed: ADMIN,
    setup: async () => createUser({ role: "reviewer" }),
    call: (target) => changeRoleAction(IDLE, form({ userId: target.id, role: "auditor" })),
    state: (target) => roleOf(target.id),
    refusal: "refused",
  }),
];

const refusedBy = (allowed: readonly StaffRole[]): Who[] => ["signed out", "non-staff", ...STAFF_ROLES.filter((role) => !allowed.includes(role))];
const title = (spec: Row<unknown>) => `${spec.file} ${spec.name}${spec.label ? ` (${spec.label})` : ""}`;

beforeAll(startMetadataServer);
afterAll(stopMetadataServer);

describe("every console action and route re-checks the role", () => {
  const refusals = rows.flatMap((spec) => refusedBy(spec.allowed).map((who) => ({ spec, who, name: `${title(spec)} refuses ${who}` })));
  for (const { spec, who, name } of refusals) it(`${name}, and nothing changes`, async () => {
    const fixture = await spec.setup();
    const before = await spec.state(fixture);
    const caller = await actor(who);
    const outcome = await outcomeOf(() => spec.call(fixture));
    expectRefusal(outcome, spec.refusal, who);
    expect(await spec.state(fixture)).toEqual(before);
    expect(await entriesBy(caller.id)).toEqual([]);
  });

  const grants = rows.filter((spec) => !spec.refusalsOnly).flatMap((spec) => spec.allowed.map((who) => ({ spec, who, name: `${title(spec)} works for ${who}` })));
  for (const { spec, who, name } of grants) it(name, async () => {
    const fixture = await spec.setup();
    const before = await spec.state(fixture);
    const caller = await actor(who);
    const outcome = await outcomeOf(() => spec.call(fixture));
    await spec.granted?.(outcome, fixture, caller);
    if (!spec.readOnly) expect(await spec.state(fixture)).not.toEqual(before);
  });

  // A permitted role posting from another site: the action refuses before reading anything.
  const foreign = rows.filter((spec) => !spec.file.endsWith("route.ts")).map((spec) => ({ spec, name: `${title(spec)} refuses a foreign Origin` }));
  for (const { spec, name } of foreign) it(`${name}, and nothing changes`, async () => {
    const fixture = await spec.setup();
    const before = await spec.state(fixture);
    const caller = await actor(spec.allowed[0]!);
    fromOrigin("https://evil.example");
    expectRefusal(await outcomeOf(() => spec.call(fixture)), "refused", caller.who);
    expect(await spec.state(fixture)).toEqual(before);
    expect(await entriesBy(caller.id)).toEqual([]);
  });
});

describe("the table covers the console", () => {
  function consoleFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return consoleFiles(full);
      return /(^|-)actions\.ts$|^route\.ts$/.test(entry.name) ? [path.relative(CONSOLE, full)] : [];
    });
  }
  const files = consoleFiles(CONSOLE).sort();
  const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

  it("has a row for every exported action and route handler under app/(admin)", async () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    const exported: string[] = [];
    for (const file of files) {
      const exports = (await import(/* @vite-ignore */ path.resolve(CONSOLE, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value !== "function") continue;
        if (file.endsWith("route.ts") && !HTTP_METHODS.includes(name)) continue;
        exported.push(`${file} ${name}`);
      }
    }
    expect([...new Set(rows.map((spec) => `${spec.file} ${spec.name}`))].sort()).toEqual(exported.sort());
  });

  // A complement to the calls above: each action goes through the wrapper with the permission that allows exactly its row's roles.
  const guarded = rows.filter((spec, index) => rows.findIndex((other) => other.file === spec.file && other.name === spec.name) === index);
  for (const { file, name, allowed } of guarded) {
    it(`${file} ${name} is guarded by its permission`, () => {
      const source = readFileSync(path.join(CONSOLE, file), "utf8");
      const guard = file.endsWith("route.ts")
        ? new RegExp(`export const ${name} = withStaff(?:<[^>]*>)?\\(\\s*"([a-z.]+)"`).exec(source)
        : new RegExp(`export const ${name} = staffAction\\(\\s*"([a-z.]+)"`).exec(source);
      expect(guard, `${file} ${name} has no role guard`).not.toBeNull();
      const permission = guard![1] as keyof typeof PERMISSIONS;
      expect([...PERMISSIONS[permission]].sort()).toEqual([...allowed].sort());
    });
  }
});

describe("the operations behind the console re-check the role themselves", () => {
  type LibRow<F> = {
    name: string;
    allowed: readonly StaffRole[];
    setup: () => Promise<F>;
    run: (fixture: F, staffId: string) => Promise<unknown>;
    state: (fixture: F) => Promise<unknown>;
  };
  const lib = <F,>(spec: LibRow<F>) => spec as unknown as LibRow<unknown>;
  const staffActor = (id: string) => ({ type: "staff" as const, id });

  const libRows: LibRow<unknown>[] = [
    lib({
      name: "inviteStaff",
      allowed: ADMIN,
      setup: async () => ({ email: uniqueEmail("roles-lib") }),
      run: async ({ email }, id) => inviteStaff(await getDb(), id, { email, role: "admin" }),
      state: async ({ email }) => (await (await getDb()).select({ role: users.role }).from(users).where(eq(users.email, blindIndex("email", email))))[0]?.role ?? null,
    }),
    lib({
      name: "changeStaffRole",
      allowed: ADMIN,
      setup: () => createUser({ role: "auditor" }),
      run: async (target, id) => changeStaffRole(await getDb(), id, { userId: target.id, role: "admin" }),
      state: async (target) => ({ role: await roleOf(target.id), sessions: (await (await getDb()).select().from(sessions).where(eq(sessions.userId, target.id))).length }),
    }),
    lib({
      name: "assignCase",
      allowed: DECIDE,
      setup: pendingCase,
      run: async ({ userId }, id) => (await getDb()).transaction((tx) => assignCase(tx, id, userId)),
      state: ({ userId }) => itemOf(userId),
    }),
    lib({
      name: "createAccount",
      allowed: ADMIN,
      setup: async () => ({ name: `Roles ${crypto.randomUUID()}` }),
      run: async ({ name }, id) => createAccount(await getDb(), { name }, staffActor(id)),
      state: async ({ name }) => (await getDb()).select({ id: sql`id` }).from(sql`api_accounts`).where(sql`name = ${name}`),
    }),
    lib({
      name: "createApiKey",
      allowed: ADMIN,
      setup: systemAccount,
      run: async (account, id) => createApiKey(await getDb(), account.id, "live", staffActor(id)),
      state: (account) => keysOf(account.id),
    }),
    lib({
      name: "revokeApiKey",
      allowed: ADMIN,
      setup: async () => {
        const account = await systemAccount();
        return { account, key: await createApiKey(await getDb(), account.id, "test", SYSTEM) };
      },
      run: async ({ key }, id) => revokeApiKey(await getDb(), key.id, staffActor(id)),
      state: ({ account }) => keysOf(account.id),
    }),
    lib({
      name: "topUp",
      allowed: ADMIN,
      setup: systemAccount,
      run: async (account, id) => topUp(await getDb(), account.id, 7, undefined, staffActor(id)),
      state: async (account) => (await getAccount(await getDb(), account.id))?.balance,
    }),
    lib({
      name: "revokeByStaff",
      allowed: ADMIN,
      setup: storedCredential,
      run: async (credential, id) => revokeByStaff(await getDb(), credential.id, id),
      state: revocationOf,
    }),
    lib({
      name: "decideItem",
      allowed: DECIDE,
      setup: pendingCase,
      run: async ({ userId }, id) => decideItem(await getDb(), id, userId, { decision: "approve", item: "id_card" }),
      state: ({ userId }) => itemOf(userId),
    }),
  ];

  const refused = libRows.flatMap((spec) => (["non-staff", ...STAFF_ROLES.filter((role) => !spec.allowed.includes(role))] as const).map((who) => ({ spec, who, name: `${spec.name} refuses ${who}` })));
  for (const { spec, who, name } of refused) it(`${name} with FORBIDDEN, and nothing changes`, async () => {
    const fixture = await spec.setup();
    const before = await spec.state(fixture);
    const caller = await createUser(who === "non-staff" ? {} : { role: who });
    await expect(spec.run(fixture, caller.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await spec.state(fixture)).toEqual(before);
    expect(await entriesBy(caller.id)).toEqual([]);
  });

  for (const spec of libRows) it(`${spec.name} works for ${spec.allowed[0]}`, async () => {
    const fixture = await spec.setup();
    const before = await spec.state(fixture);
    const caller = await createUser({ role: spec.allowed[0] });
    await spec.run(fixture, caller.id);
    expect(await spec.state(fixture)).not.toEqual(before);
  });

  it("refuses someone whose role was removed after they were checked", async () => {
    const db = await getDb();
    const admin = await createUser({ role: "admin" });
    const account = await systemAccount();
    await db.update(users).set({ role: null }).where(eq(users.id, admin.id));
    await expect(topUp(db, account.id, 3, undefined, staffActor(admin.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getAccount(db, account.id))?.balance).toBe(account.balance);
  });
});
