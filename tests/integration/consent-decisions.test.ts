import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { sequenceAll, verifyAuditLog } from "@/lib/transparency/tree";
import { listConnectedPartners } from "@/lib/consent/connected-partners";
import { loadConsentRows } from "@/lib/consent/consent-rows";
import { decideConsent } from "@/lib/consent/decide-consent";
import { createDecisionToken, isValidDecisionToken } from "@/lib/consent/decision-token";
import { getReceipt, listReceipts } from "@/lib/consent/receipts";
import { recordConsentDecision } from "@/lib/consent/record-decision";
import { resolveGrantRequest } from "@/lib/consent/resolve-grant-request";
import { regrantItem } from "@/lib/consent/regrant";
import { revokeGrants } from "@/lib/consent/revoke";
import { verifyReceipt } from "@/lib/consent/verify-receipt";
import { getDb } from "@/lib/db/client";
import { auditLog, consentReceipts, dataAccesses, grants } from "@/lib/db/schema";
import type { Item } from "@/lib/items/items";
import { signMetadataConfig } from "@/lib/ocn/metadata";
import { providerPublicKey } from "@/lib/ocn/provider";
import { generatePrivateKey, publicKeyFromPrivate } from "@/lib/ocn/secp256k1";
import { createPartner, createUser, setGrants } from "@/tests/support/factories";

/**
 * The consent rules against a real database and a real partner metadata
 * server on loopback: what the page checks, what a decision stores, what a
 * revocation changes.
 */
let server: Server;
let base: string;
const partnerKey = generatePrivateKey();

beforeAll(async () => {
  server = createServer((request, response) => {
    const config = { publicKey: publicKeyFromPrivate(partnerKey), endpoint: `${base}/ocn`, capabilities: ["kyc.consumer"] };
    if (request.url === "/metadata.json") {
      response.setHeader("Content-Type", "application/json");
      response.end(JSON.stringify({ opencharge: "0.1", name: "Loopback Gateway", config, signature: signMetadataConfig(config, partnerKey) }));
    } else if (request.url === "/forged.json") {
      response.end(JSON.stringify({ opencharge: "0.1", name: "Forged", config, signature: signMetadataConfig(config, generatePrivateKey()) }));
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const query = (ocid: number, userOcid: number, extra: Record<string, string> = {}) => ({
  grants: "name,email,phone",
  user_ocid: String(userOcid),
  callback_url: `${base}/cb?session=1`,
  state: "st",
  ...extra,
});

async function partnerWithMetadata(values: { status?: "active" | "suspended"; allowedGrants?: Item[] | null; metadataPath?: string } = {}) {
  return createPartner({
    metadataUrl: `${base}${values.metadataPath ?? "/metadata.json"}`,
    name: "Registered Gateway",
    status: values.status ?? "active",
    allowedGrants: values.allowedGrants ?? null,
  });
}

async function grantRows(userId: string, partnerOcid: number) {
  const db = await getDb();
  const rows = await db.select().from(grants).where(and(eq(grants.userId, userId), eq(grants.partnerOcid, partnerOcid)));
  return Object.fromEntries(rows.map((row) => [row.item, row]));
}

describe("resolveGrantRequest", () => {
  it("accepts a request whose callback is on the origin of the partner's endpoint", async () => {
    const partner = await partnerWithMetadata();
    const result = await resolveGrantRequest(await getDb(), String(partner.ocid), query(partner.ocid, 12345));
    expect(result).toMatchObject({ kind: "ok", request: { items: ["name", "email", "phone"], userOcid: 12345, state: "st" }, partner: { name: "Registered Gateway", domain: new URL(base).host } });
  });

  it.each([
    ["an unregistered OCID", async () => ({ ocid: "999999991", query: {} }), "unknown_partner"],
    ["a suspended partner", async () => ({ ocid: String((await partnerWithMetadata({ status: "suspended" })).ocid), query: {} }), "partner_suspended"],
    ["metadata whose signature does not verify", async () => ({ ocid: String((await partnerWithMetadata({ metadataPath: "/forged.json" })).ocid), query: {} }), "metadata_unavailable"],
    [
      "a callback on another origin",
      async () => {
        const partner = await partnerWithMetadata();
        return { ocid: String(partner.ocid), query: query(partner.ocid, 1, { callback_url: "http://localhost:1/cb" }) };
      },
    "bad_callback"],
  ])("shows an error page for %s", async (_name, setup, problem) => {
    const { ocid, query: q } = await setup();
    expect(await resolveGrantRequest(await getDb(), ocid, q)).toEqual({ kind: "error_page", problem });
  });

  it("sends a grant the partner may not ask for back as invalid_request", async () => {
    const partner = await partnerWithMetadata({ allowedGrants: ["name"] });
    expect(await resolveGrantRequest(await getDb(), String(partner.ocid), query(partner.ocid, 5))).toEqual({
      kind: "redirect_error",
      callbackUrl: `${base}/cb?session=1`,
      state: "st",
    });
  });
});

describe("recordConsentDecision", () => {
  it("stores each item's decision, a receipt that verifies, and an audit entry", async () => {
    const db = await getDb();
    const user = await createUser();
    const partner = await partnerWithMetadata();
    const result = await recordConsentDecision(db, {
      userId: user.id,
      userOcid: user.ocid,
      partner: { ocid: partner.ocid, name: "Registered Gateway" },
      requested: ["name", "email", "phone"],
      shared: ["phone", "name"],
    });
    expect(result).toMatchObject({ status: "partial", granted: ["name", "phone"], denied: ["email"] });

    const rows = await grantRows(user.id, partner.ocid);
    expect(rows.name).toMatchObject({ decision: "granted" });
    expect(rows.name?.grantedAt).toBeInstanceOf(Date);
    expect(rows.email).toMatchObject({ decision: "denied", grantedAt: null });

    const stored = await getReceipt(db, user.id, result.receipt.receipt_id);
    expect(stored?.signed).toEqual(result.receipt);
    expect(stored?.signed).toMatchObject({ provider: 540, user_ocid: user.ocid, partner: { ocid: partner.ocid }, granted: ["name", "phone"], denied: ["email"] });
    expect(verifyReceipt(stored!.signed, providerPublicKey())).toBe(true);
    expect(verifyReceipt({ ...stored!.signed, granted: ["name", "phone", "email"] }, providerPublicKey())).toBe(false);

    const audit = await db.select().from(auditLog).where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, "consent.decided")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ status: "partial", receiptId: result.receipt.receipt_id });
    await sequenceAll(db);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, findings: [] });
  });

  it("keeps the first granted-at time when an item is granted again", async () => {
    const db = await getDb();
    const user = await createUser();
    const partner = await partnerWithMetadata();
    const decide = (shared: Item[]) =>
      recordConsentDecision(db, { userId: user.id, userOcid: user.ocid, partner: { ocid: partner.ocid, name: "P" }, requested: ["name", "email"], shared });
    await decide(["name"]);
    const first = (await grantRows(user.id, partner.ocid)).name?.grantedAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await decide(["name", "email"]);
    const after = await grantRows(user.id, partner.ocid);
    expect(after.name?.grantedAt).toEqual(first);
    expect(after.email?.grantedAt!.getTime()).toBeGreaterThan(first!.getTime());
    expect(await listReceipts(db, user.id)).toHaveLength(2);
  });

  it("another person's receipt reads as not found", async () => {
    const db = await getDb();
    const owner = await createUser();
    const other = await createUser();
    const partner = await partnerWithMetadata();
    const { receipt } = await recordConsentDecision(db, { userId: owner.id, userOcid: owner.ocid, partner: { ocid: partner.ocid, name: "P" }, requested: ["name"], shared: [] });
    expect(await getReceipt(db, other.id, receipt.receipt_id)).toBeNull();
    expect(await getReceipt(db, owner.id, "not-a-uuid")).toBeNull();
  });
});

describe("decideConsent", () => {
  async function setup() {
    const user = await createUser();
    const partner = await partnerWithMetadata();
    const form = {
      intent: "share" as const,
      token: createDecisionToken(user.id, partner.ocid),
      share: ["name", "email", "address"] as Item[],
      ocid: String(partner.ocid),
      ...query(partner.ocid, user.ocid),
    };
    return { user, partner, form };
  }

  it("records the decision and answers with the callback URL to go to", async () => {
    const { user, partner, form } = await setup();
    const result = await decideConsent(await getDb(), user, form);
    expect(result.ok).toBe(true);
    const url = new URL((result as { redirectTo: string }).redirectTo);
    expect(url.origin + url.pathname).toBe(`${base}/cb`);
    // "address" was not requested, so it cannot be shared by adding it to the form.
    expect(Object.fromEntries(url.searchParams)).toEqual({ session: "1", status: "partial", grants: "name,email", denied: "phone", user_ocid: String(user.ocid), state: "st" });
    expect(Object.keys(await grantRows(user.id, partner.ocid)).sort()).toEqual(["email", "name", "phone"]);
  });

  it("'Deny all' denies everything whatever the toggles said", async () => {
    const { user, form } = await setup();
    const result = await decideConsent(await getDb(), user, { ...form, intent: "deny" });
    const url = new URL((result as { redirectTo: string }).redirectTo);
    expect(Object.fromEntries(url.searchParams)).toEqual({ session: "1", status: "denied", user_ocid: String(user.ocid), state: "st" });
  });

  it.each([
    ["a token rendered for someone else", async (s: Awaited<ReturnType<typeof setup>>) => ({ ...s.form, token: createDecisionToken((await createUser()).id, s.partner.ocid) })],
    ["a token rendered for another partner", async (s: Awaited<ReturnType<typeof setup>>) => ({ ...s.form, token: createDecisionToken(s.user.id, s.partner.ocid + 1) })],
    ["no token", async (s: Awaited<ReturnType<typeof setup>>) => ({ ...s.form, token: "" })],
    ["a request for another person", async (s: Awaited<ReturnType<typeof setup>>) => ({ ...s.form, user_ocid: String(s.user.ocid + 100000) })],
    ["a callback the partner does not own", async (s: Awaited<ReturnType<typeof setup>>) => ({ ...s.form, callback_url: "https://evil.example/cb" })],
  ])("refuses %s and changes nothing", async (_name, tamper) => {
    const s = await setup();
    const db = await getDb();
    const result = await decideConsent(db, s.user, await tamper(s));
    expect(result).toEqual({ ok: false, message: expect.any(String) });
    expect(await grantRows(s.user.id, s.partner.ocid)).toEqual({});
    expect(await db.select().from(consentReceipts).where(eq(consentReceipts.userId, s.user.id))).toEqual([]);
  });

  it("tokens expire", () => {
    const token = createDecisionToken("u", 1, Date.now() - 2 * 60 * 60 * 1000);
    expect(isValidDecisionToken(token, "u", 1)).toBe(false);
    expect(isValidDecisionToken(createDecisionToken("u", 1), "u", 1)).toBe(true);
  });
});

describe("revokeGrants and connected partners", () => {
  it("revokes only what was granted, with one audit entry, and shows last access", async () => {
    const db = await getDb();
    const user = await createUser();
    const partner = await partnerWithMetadata();
    await setGrants(user.id, partner.ocid, { name: "granted", email: "granted", phone: "denied" });
    const accessedAt = new Date(Date.now() - 60_000);
    await db.insert(dataAccesses).values({ userId: user.id, partnerOcid: partner.ocid, items: ["name"], createdAt: accessedAt });

    const [connected] = await listConnectedPartners(db, user.id);
    expect(connected?.lastAccessedAt).toEqual(accessedAt);
    expect(connected?.items.map((item) => [item.item, item.decision, item.lastAccessedAt])).toEqual([
      ["name", "granted", accessedAt],
      ["email", "granted", null],
      ["phone", "denied", null],
    ]);

    expect(await revokeGrants(db, { userId: user.id, partnerOcid: partner.ocid, items: ["name", "phone"] })).toEqual(["name"]);
    let rows = await grantRows(user.id, partner.ocid);
    expect([rows.name?.decision, rows.email?.decision, rows.phone?.decision]).toEqual(["revoked", "granted", "denied"]);

    expect(await revokeGrants(db, { userId: user.id, partnerOcid: partner.ocid })).toEqual(["email"]);
    rows = await grantRows(user.id, partner.ocid);
    expect([rows.name?.decision, rows.email?.decision, rows.phone?.decision]).toEqual(["revoked", "revoked", "denied"]);
    expect(await revokeGrants(db, { userId: user.id, partnerOcid: partner.ocid })).toEqual([]);

    const audit = await db.select().from(auditLog).where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, "consent.revoked")));
    expect(audit.map((entry) => (entry.details as { items: string[] }).items)).toEqual([["name"], ["email"]]);

    // Each revocation has its own signed receipt, named in its audit entry.
    const receipts = await listReceipts(db, user.id);
    expect(receipts.map((receipt) => receipt.revoked).sort()).toEqual([["email"], ["name"]]);
    for (const receipt of receipts) {
      expect(receipt.signed.partner.ocid).toBe(partner.ocid);
      expect(receipt.signed.user_ocid).toBe(user.ocid);
      expect(verifyReceipt(receipt.signed, providerPublicKey())).toBe(true);
      expect(audit.map((entry) => (entry.details as { receiptId: string }).receiptId)).toContain(receipt.id);
    }
    const forged = { ...receipts[0]!.signed, revoked: ["phone"] };
    expect(verifyReceipt(forged, providerPublicKey())).toBe(false);
  });

  it("shares a denied or revoked item again with a receipt; an item never decided stays unshared", async () => {
    const db = await getDb();
    const user = await createUser();
    const partner = await partnerWithMetadata();
    await setGrants(user.id, partner.ocid, { name: "revoked", phone: "denied", email: "granted" });

    expect(await regrantItem(db, { userId: user.id, partnerOcid: partner.ocid, item: "name" })).toBe(true);
    expect(await regrantItem(db, { userId: user.id, partnerOcid: partner.ocid, item: "phone" })).toBe(true);
    expect(await regrantItem(db, { userId: user.id, partnerOcid: partner.ocid, item: "email" })).toBe(false);
    expect(await regrantItem(db, { userId: user.id, partnerOcid: partner.ocid, item: "passport" })).toBe(false);
    const rows = await grantRows(user.id, partner.ocid);
    expect([rows.name?.decision, rows.phone?.decision, rows.email?.decision, rows.passport]).toEqual(["granted", "granted", "granted", undefined]);
    expect(rows.name?.grantedAt).toBeInstanceOf(Date);

    const receipts = await listReceipts(db, user.id);
    expect(receipts.map((receipt) => receipt.granted).sort()).toEqual([["name"], ["phone"]]);
    for (const receipt of receipts) expect(verifyReceipt(receipt.signed, providerPublicKey())).toBe(true);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, "consent.regranted")));
    expect(audit).toHaveLength(2);
    await sequenceAll(db);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, findings: [] });
  });

  it("lists every data read per partner, newest first, with the items received", async () => {
    const db = await getDb();
    const user = await createUser();
    const partner = await partnerWithMetadata();
    await setGrants(user.id, partner.ocid, { name: "granted", email: "granted" });
    const first = new Date(Date.now() - 120_000);
    const second = new Date(Date.now() - 60_000);
    await db.insert(dataAccesses).values([
      { userId: user.id, partnerOcid: partner.ocid, items: ["name"], createdAt: first },
      { userId: user.id, partnerOcid: partner.ocid, items: ["name", "email"], createdAt: second },
    ]);
    const [connected] = await listConnectedPartners(db, user.id);
    expect(connected?.accesses).toEqual([
      { at: second, items: ["name", "email"] },
      { at: first, items: ["name"] },
    ]);
  });

  it("starts the consent page's toggles on only for items already granted to that partner", async () => {
    const db = await getDb();
    const user = await createUser({ items: { email: { state: "verified", value: "zoe@example.com" } } });
    const partner = await partnerWithMetadata();
    const other = await partnerWithMetadata();
    await setGrants(user.id, partner.ocid, { email: "granted", name: "revoked" });
    await setGrants(user.id, other.ocid, { phone: "granted" });
    const rows = await loadConsentRows(db, user.id, { ocid: partner.ocid, itemPurposes: { email: "To send your receipts." } }, ["name", "email", "phone"], "en");
    expect(rows.map((row) => [row.item, row.initiallyOn, row.state, row.preview, row.purpose])).toEqual([
      ["name", false, "missing", "Not provided", null],
      ["email", true, "verified", "z***e@example.com", "To send your receipts."],
      ["phone", false, "missing", "Not provided", null],
    ]);
  });
});
