import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { POST as issueRoute } from "@/app/api/v1/issue/route";
import { POST as revokeRoute } from "@/app/api/v1/credentials/[id]/revoke/route";
import { recordConsentDecision } from "@/lib/consent/record-decision";
import { revokeGrants } from "@/lib/consent/revoke";
import { getDb, type Db } from "@/lib/db/client";
import { auditLog, notificationPreferences, outbox, users, webhookEndpoints } from "@/lib/db/schema";
import { claimDue, deliverDue, LEASE_MS } from "@/lib/event-delivery/deliver";
import { createEndpoint, listDeliveries, listFailingEndpoints, resendDelivery, sendTestEvent } from "@/lib/events/endpoints";
import { warnExpiringDocuments } from "@/lib/events/expiry-warnings";
import type { EventBody } from "@/lib/events/types";
import { collectPartnerData } from "@/lib/partner-api/data";
import { validateForPartner } from "@/lib/partner-api/view";
import { deleteAccount } from "@/lib/account/lifecycle";
import { listMailbox } from "@/lib/mail/mailbox";
import { verifyRequestSignature } from "@/lib/ocn/client";
import { providerOcid, providerPublicKey } from "@/lib/ocn/provider";
import { decideItem } from "@/lib/review/decide";
import { createFundedAccount, createPerson, grantIssuanceItems, jsonRequest } from "@/tests/support/credentials";
import { createPartner, createUser, setGrants } from "@/tests/support/factories";
import { startReceiver, type Receiver, type Received } from "@/tests/support/webhook-receiver";

/**
 * Webhooks and notification emails end to end: a change writes its event in its own
 * transaction, a worker delivers it to a real HTTP receiver on loopback, and the receiver
 * checks the signature with the partner client (OCN) or the `standardwebhooks` package.
 */
let receiver: Receiver;
const SYSTEM = { type: "system" as const };

beforeAll(async () => {
  // Opening (and migrating) the database is the slow part of a file's first test; it belongs to set-up.
  [receiver] = await Promise.all([startReceiver(), getDb()]);
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer = () => 200;
});

const bodyOf = (request: Received) => JSON.parse(request.body) as EventBody;
const hoursLater = (hours: number, from = new Date()) => new Date(from.getTime() + hours * 3_600_000);
const ofPath = (path: string) => receiver.received.filter((request) => request.url === path);

/** Runs the workers until nothing is due at `now`. */
async function drain(db: Db, now = new Date()) {
  while ((await deliverDue(db, now)).delivered + (await deliverDue(db, now)).retrying > 0);
}

function checkOcnSignature(request: Received) {
  return verifyRequestSignature({ method: request.method, url: request.url, headers: request.headers, body: request.body, providerPublicKey: providerPublicKey(), providerOcid: providerOcid() });
}

async function partnerWithEndpoint(path: string, eventTypes = ["kyc.status_changed", "consent.updated", "user.deleted"]) {
  const partner = await createPartner({ metadataUrl: "http://127.0.0.1:1/metadata.json", name: "Hooked Gateway" });
  const { endpoint } = await createEndpoint(await getDb(), { owner: { kind: "partner", ocid: partner.ocid }, url: receiver.url(path), eventTypes }, SYSTEM);
  return { partner, endpoint };
}

const reviewer = async () => (await createUser({ role: "reviewer" })).id;

describe("partner webhooks", () => {
  it("sends kyc.status_changed once, OCN-signed, with the granted items as /kyc/validate answers them", async () => {
    const db = await getDb();
    const { partner } = await partnerWithEndpoint("/status");
    const person = await createPerson({ override: { passport: { state: "pending", value: { number: "X1234567", country: "ES", issued_at: "2024-01-01", expires_at: "2034-01-01", images: { front: crypto.randomUUID() } } } } });
    await setGrants(person.user.id, partner.ocid, { passport: "granted", name: "granted", email: "denied" });

    await decideItem(db, await reviewer(), person.user.id, { item: "passport", decision: "approve" });
    await drain(db);

    const [request, ...more] = ofPath("/status");
    expect(more).toHaveLength(0);
    expect(checkOcnSignature(request!)).toBe(true);
    // The same signature over another body is refused: the check is not a formality.
    expect(checkOcnSignature({ ...request!, body: request!.body.replace("verified", "missing") })).toBe(false);
    const event = bodyOf(request!);
    expect(event).toMatchObject({ type: "kyc.status_changed", data: { user_ocid: person.user.ocid, grants: { passport: "verified", name: "verified" } } });
    expect(Object.keys(event.data.grants as object).sort()).toEqual(["name", "passport"]);
    expect(event.occurred_at).toBeTypeOf("number");
    expect(request!.body).not.toContain("Quintero");
    expect(request!.body).not.toContain("X1234567");

    // Nothing changed for the partner: nothing more is sent.
    await db.transaction(async (tx) => (await import("@/lib/events/emit")).emitStatusChanged(tx, person.user.id));
    await drain(db);
    expect(ofPath("/status")).toHaveLength(1);
  });

  it("matches /kyc/validate for the partner, including kyc_complete", async () => {
    const db = await getDb();
    const { partner } = await partnerWithEndpoint("/complete");
    const person = await createPerson({ override: { liveness: { state: "pending", value: { images: { selfie: crypto.randomUUID() } } } } });
    await setGrants(person.user.id, partner.ocid, { name: "granted", date_of_birth: "granted", passport: "granted", liveness: "granted" });
    await decideItem(db, await reviewer(), person.user.id, { item: "liveness", decision: "approve" });
    await drain(db);
    const event = bodyOf(ofPath("/complete")[0]!);
    const answer = await validateForPartner(db, { ocid: partner.ocid, allowedGrants: ["name", "date_of_birth", "passport", "liveness"] }, { user_ocid: person.user.ocid, grants: ["name", "date_of_birth", "passport", "liveness"] });
    expect(event.data).toEqual({ user_ocid: person.user.ocid, grants: answer.grants, kyc_complete: true });
    expect(answer.kyc_complete).toBe(true);
  });

  it("sends consent.updated and the status change on a decision and on a revocation, then user.deleted", async () => {
    const db = await getDb();
    const { partner } = await partnerWithEndpoint("/consent");
    const person = await createPerson();
    await recordConsentDecision(db, { userId: person.user.id, userOcid: person.user.ocid, partner: { ocid: partner.ocid, name: partner.name }, requested: ["name", "phone"], shared: ["name"] });
    await drain(db);
    let events = ofPath("/consent").map(bodyOf);
    expect(events.map((event) => event.type).sort()).toEqual(["consent.updated", "kyc.status_changed"]);
    expect(events.find((event) => event.type === "consent.updated")!.data).toEqual({ user_ocid: person.user.ocid, granted: ["name"], denied: ["phone"], revoked: [] });
    expect(events.find((event) => event.type === "kyc.status_changed")!.data).toMatchObject({ grants: { name: "verified" } });

    receiver.received.length = 0;
    await revokeGrants(db, { userId: person.user.id, partnerOcid: partner.ocid });
    await drain(db);
    events = ofPath("/consent").map(bodyOf);
    expect(events.find((event) => event.type === "consent.updated")!.data).toEqual({ user_ocid: person.user.ocid, granted: [], denied: [], revoked: ["name"] });
    expect(events.find((event) => event.type === "kyc.status_changed")!.data).toMatchObject({ grants: { name: "restricted" } });

    receiver.received.length = 0;
    await deleteAccount(db, person.user.id);
    await drain(db);
    const [deleted, ...rest] = ofPath("/consent");
    expect(rest).toHaveLength(0);
    expect(checkOcnSignature(deleted!)).toBe(true);
    expect(bodyOf(deleted!)).toMatchObject({ type: "user.deleted", data: { user_ocid: person.user.ocid } });
  });

  it("sends only the event types the endpoint chose, and nothing to partners the person never granted", async () => {
    const db = await getDb();
    const { partner } = await partnerWithEndpoint("/only-deleted", ["user.deleted"]);
    await partnerWithEndpoint("/stranger");
    const person = await createPerson();
    await recordConsentDecision(db, { userId: person.user.id, userOcid: person.user.ocid, partner: { ocid: partner.ocid, name: partner.name }, requested: ["name"], shared: ["name"] });
    await deleteAccount(db, person.user.id);
    await drain(db);
    expect(ofPath("/only-deleted").map((request) => bodyOf(request).type)).toEqual(["user.deleted"]);
    expect(ofPath("/stranger")).toHaveLength(0);
  });
});

describe("API-account webhooks", () => {
  it("sends credential.revoked signed per Standard Webhooks, checked with the standardwebhooks package", async () => {
    const db = await getDb();
    const { account, partnerOcid, bearer } = await createFundedAccount(10);
    const { secret } = await createEndpoint(db, { owner: { kind: "account", id: account.id }, url: receiver.url("/credentials"), eventTypes: ["credential.revoked"] }, SYSTEM);
    expect(secret).toMatch(/^whsec_/);
    const [stored] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.accountId, account.id));
    expect(stored!.secretEnc).not.toContain(secret!.slice(6));

    const person = await createPerson();
    await grantIssuanceItems(person.user.id, partnerOcid!);
    const issued = (await (await issueRoute(jsonRequest("/api/v1/issue", person.request, { authorization: `Bearer ${bearer}` }))).json()) as { credential_id: string };
    const revoked = await revokeRoute(jsonRequest(`/api/v1/credentials/${issued.credential_id}/revoke`, {}, { authorization: `Bearer ${bearer}` }), { params: Promise.resolve({ id: issued.credential_id }) });
    expect(revoked.status).toBe(200);
    await drain(db);

    const [request, ...more] = ofPath("/credentials");
    expect(more).toHaveLength(0);
    const verified = new Webhook(secret!).verify(request!.body, Object.fromEntries(request!.headers)) as EventBody;
    expect(verified).toMatchObject({ type: "credential.revoked", data: { credential_id: issued.credential_id, reason: expect.any(String) } });
    expect(request!.headers.get("webhook-id")).toBe(verified.id);
    expect(() => new Webhook(secret!).verify(request!.body.replace("revoked", "issued"), Object.fromEntries(request!.headers))).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(request!.body, Object.fromEntries(request!.headers))).toThrow();
  });
});

describe("delivery", () => {
  it("retries with back-off: a receiver failing twice gets the event on the third try", async () => {
    const db = await getDb();
    const { endpoint } = await partnerWithEndpoint("/flaky");
    receiver.answer = (_request, index) => (index < 2 ? 503 : 200);
    const id = await sendTestEvent(db, endpoint.id, SYSTEM);
    const start = new Date();
    await deliverDue(db, start);
    // Not due again straight away: the back-off holds it.
    expect((await deliverDue(db, start)).delivered + (await deliverDue(db, start)).retrying).toBe(0);
    await deliverDue(db, hoursLater(1, start));
    await deliverDue(db, hoursLater(2, start));
    const requests = ofPath("/flaky");
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => bodyOf(request).id))).toEqual(new Set([id]));
    const [row] = await listDeliveries(db, endpoint.id);
    expect(row).toMatchObject({ id, attempts: 3, lastStatus: 200 });
    expect(row!.deliveredAt).not.toBeNull();
  });

  it("loses nothing when a worker dies mid-delivery: its lease runs out and another worker sends it", async () => {
    const db = await getDb();
    const { endpoint } = await partnerWithEndpoint("/killed");
    const id = await sendTestEvent(db, endpoint.id, SYSTEM);
    const now = new Date();
    // A worker claims the event and is killed before it sends or records anything.
    const claimed = await claimDue(db, now);
    expect(claimed.map((row) => row.id)).toContain(id);
    expect((await deliverDue(db, new Date(now.getTime() + LEASE_MS - 1000))).delivered).toBe(0);
    await deliverDue(db, new Date(now.getTime() + LEASE_MS + 1000));
    expect(ofPath("/killed").map((request) => bodyOf(request).id)).toEqual([id]);
  });

  it("never delivers one event twice when two instances' workers run at once", async () => {
    const db = await getDb();
    const other = await secondClient(db);
    try {
      const { endpoint } = await partnerWithEndpoint("/parallel");
      const ids = [];
      for (let i = 0; i < 30; i += 1) ids.push(await sendTestEvent(db, endpoint.id, SYSTEM));
      const now = new Date();
      for (let round = 0; round < 3; round += 1) await Promise.all([deliverDue(db, now, 7), deliverDue(other.db, now, 7), deliverDue(db, now, 7), deliverDue(other.db, now, 7)]);
      await drain(db, now);
      const seen = ofPath("/parallel").map((request) => bodyOf(request).id);
      expect(seen.sort()).toEqual([...ids].sort());
    } finally {
      await other.close();
    }
  });

  it("gives up after 24 hours: the endpoint is disabled, audited and listed as failing; resend sends it again", async () => {
    const db = await getDb();
    const { endpoint } = await partnerWithEndpoint("/down");
    receiver.answer = () => 500;
    const id = await sendTestEvent(db, endpoint.id, SYSTEM);
    const start = new Date();
    for (let hour = 0; hour <= 26; hour += 1) await deliverDue(db, hoursLater(hour, start));
    const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.failedAt).not.toBeNull();
    const [disabled] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(disabled).toMatchObject({ enabled: false });
    expect(disabled!.disabledReason).toContain("HTTP 500");
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "webhook.endpoint_disabled"));
    expect(audit.some((entry) => entry.details.endpointId === endpoint.id)).toBe(true);
    expect((await listFailingEndpoints(db)).map((failing) => failing.id)).toContain(endpoint.id);

    const tries = ofPath("/down").length;
    expect(tries).toBeGreaterThan(5);
    const { setEndpointEnabled } = await import("@/lib/events/endpoints");
    await setEndpointEnabled(db, endpoint.id, true, SYSTEM);
    receiver.answer = () => 200;
    await resendDelivery(db, id, SYSTEM);
    await drain(db);
    expect(ofPath("/down")).toHaveLength(tries + 1);
    expect(bodyOf(ofPath("/down").at(-1)!).id).toBe(id);
  });
});

describe("notification emails", () => {
  const mailTo = async (email: string) => (await listMailbox(500)).filter((message) => message.to === email);

  it("tells the person about a rejection with the reason, the fix and a link to the item, and about an approval", async () => {
    const db = await getDb();
    const person = await createPerson({ override: { passport: { state: "pending", value: { number: "X1", country: "ES", issued_at: "2024-01-01", expires_at: "2034-01-01", images: { front: crypto.randomUUID() } } } } });
    await decideItem(db, await reviewer(), person.user.id, { item: "passport", decision: "reject", reason: "unreadable", noteToUser: "The photo is blurred." });
    await drain(db);
    const [rejected] = await mailTo(person.request.email);
    expect(rejected!.subject).toContain("Passport");
    expect(rejected!.text).toContain("Unreadable");
    expect(rejected!.text).toContain("sharp, well-lit");
    expect(rejected!.text).toContain("The photo is blurred.");
    expect(rejected!.links.map((link) => new URL(link).pathname)).toContain("/account/items/passport");

    const other = await createPerson({ override: { liveness: { state: "pending", value: { images: { selfie: crypto.randomUUID() } } } } });
    await decideItem(db, await reviewer(), other.user.id, { item: "liveness", decision: "approve" });
    await drain(db);
    const [approved] = await mailTo(other.request.email);
    expect(approved!.subject).toMatch(/verified/);
    expect(approved!.links.map((link) => new URL(link).pathname)).toContain("/account/items/liveness");
  });

  it("writes to the person in the language on their row: German words, the reason translated, links unchanged", async () => {
    const db = await getDb();
    const person = await createPerson({ override: { passport: { state: "pending", value: { number: "X2", country: "ES", issued_at: "2024-01-01", expires_at: "2034-01-01", images: { front: crypto.randomUUID() } } } } });
    await db.update(users).set({ locale: "de" }).where(eq(users.id, person.user.id));
    await decideItem(db, await reviewer(), person.user.id, { item: "passport", decision: "reject", reason: "unreadable", noteToUser: "The photo is blurred." });
    await drain(db);
    const [rejected] = await mailTo(person.request.email);
    expect(rejected!.subject).toBe("Nicht verifiziert: Reisepass");
    expect(rejected!.text).toContain("Grund: Nicht lesbar");
    expect(rejected!.text).toContain("scharfes, gut ausgeleuchtetes Foto");
    expect(rejected!.text).toContain("The photo is blurred.");
    expect(rejected!.text).toContain("Sie können wählen, welche E-Mails Attest Ihnen sendet");
    expect(rejected!.links.map((link) => new URL(link).pathname)).toContain("/account/items/passport");

    // A language no longer offered falls back to English rather than failing the delivery.
    const other = await createPerson({ override: { liveness: { state: "pending", value: { images: { selfie: crypto.randomUUID() } } } } });
    await db.update(users).set({ locale: "tlh" }).where(eq(users.id, other.user.id));
    await decideItem(db, await reviewer(), other.user.id, { item: "liveness", decision: "approve" });
    await drain(db);
    const [approved] = await mailTo(other.request.email);
    expect(approved!.subject).toBe("Selfie check verified");
  });

  it("tells the person a credential was revoked, and a partner's read only when they asked for it", async () => {
    const db = await getDb();
    const partner = await createPartner({ metadataUrl: "http://127.0.0.1:1/metadata.json", name: "Reading Gateway" });
    const person = await createPerson();
    await setGrants(person.user.id, partner.ocid, { name: "granted" });
    const reader = { ocid: partner.ocid, allowedGrants: ["name" as const], fullDocumentNumbers: false, name: partner.name };
    await collectPartnerData(db, reader, { user_ocid: person.user.ocid, grants: ["name"] });
    await drain(db);
    expect(await mailTo(person.request.email)).toHaveLength(0);

    await db.insert(notificationPreferences).values({ userId: person.user.id, dataAccess: true });
    await collectPartnerData(db, reader, { user_ocid: person.user.ocid, grants: ["name"] });
    await drain(db);
    const [read] = await mailTo(person.request.email);
    expect(read!.subject).toBe("Reading Gateway read your data");
    expect(read!.links.map((link) => new URL(link).pathname)).toContain("/account/partners");

    const { issueOwnCredential } = await import("@/lib/credentials/issue");
    const { revokeOwnCredential } = await import("@/lib/credentials/manage");
    const own = await issueOwnCredential(db, person.user.id);
    await revokeOwnCredential(db, person.user.id, own.credential_id);
    await drain(db);
    const [revoked] = await mailTo(person.request.email);
    expect(revoked!.subject).toMatch(/revoked/);
    expect(revoked!.links.map((link) => new URL(link).pathname)).toContain("/account/credentials");
  });

  it("warns once, 30 days ahead, that a document expires", async () => {
    const db = await getDb();
    const soon = new Date(Date.now() + 10 * 86_400_000);
    const person = await createPerson({ override: { passport: { state: "verified", value: { number: "X2", country: "ES", issued_at: "2020-01-01", expires_at: soon.toISOString().slice(0, 10), images: { front: crypto.randomUUID() } }, documentExpiresAt: soon } } });
    await warnExpiringDocuments(db);
    await warnExpiringDocuments(db);
    await drain(db);
    const mails = (await mailTo(person.request.email)).filter((mail) => /expires soon/.test(mail.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.links.map((link) => new URL(link).pathname)).toContain("/account/items/passport");
    const rows = await db.select().from(outbox).where(and(eq(outbox.userId, person.user.id), eq(outbox.type, "document.expiring")));
    expect(rows).toHaveLength(1);
  });
  it("warns at the approval of a document that expires within 30 days, and the sweep does not warn again", async () => {
    const db = await getDb();
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const passport = (number: string, expires_at: string) => ({ state: "pending" as const, value: { number, country: "ES", issued_at: "2020-01-01", expires_at, images: { front: crypto.randomUUID() } } });
    const person = await createPerson({ override: { passport: passport("X3", soon) } });
    const other = await createPerson({ override: { passport: passport("X4", later) } });
    await decideItem(db, await reviewer(), person.user.id, { item: "passport", decision: "approve" });
    await decideItem(db, await reviewer(), other.user.id, { item: "passport", decision: "approve" });
    await drain(db);
    const expiring = async (email: string) => (await mailTo(email)).filter((mail) => /expires soon/.test(mail.subject));
    expect(await expiring(person.request.email)).toHaveLength(1);
    expect(await expiring(other.request.email)).toHaveLength(0);
    await warnExpiringDocuments(db);
    await drain(db);
    expect(await expiring(person.request.email)).toHaveLength(1);
  });
});

/** A second database client on the same PostgreSQL, as a second instance has; PGlite has one connection, so the same one. */
async function secondClient(db: Db): Promise<{ db: Db; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { db, close: async () => {} };
  const [{ default: postgres }, { drizzle }, schema] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js"), import("@/lib/db/schema")]);
  const client = postgres(url, { max: 4, onnotice: () => {} });
  return { db: drizzle({ client, schema }) as unknown as Db, close: () => client.end() };
}
