/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are JSON the assertions check field by field */
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST as data } from "@/app/kyc/data/route";
import { GET as document } from "@/app/kyc/documents/[id]/route";
import { POST as validate } from "@/app/kyc/validate/route";
import { getDb } from "@/lib/db/client";
import { auditLog, dataAccesses } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { storeDocument } from "@/lib/documents/store";
import { signDocumentUrl } from "@/lib/documents/urls";
import { writeItem } from "@/lib/items/store";
import { ITEMS, type Item } from "@/lib/items/items";
import { verifyDataSignature, verifyResponseSignature } from "@/lib/ocn/client";
import { providerPublicKey } from "@/lib/ocn/provider";
import { createUser, setGrants } from "../support/factories";
import { createTestPartner, signedRequest, startMetadataServer, stopMetadataServer, type TestPartner } from "../support/ocn-partners";

/** SPEC §4: statuses, kyc_complete, the signed data envelope, and documents behind signed URLs. */
beforeAll(startMetadataServer);
afterAll(stopMetadataServer);

const DAY = 24 * 60 * 60 * 1000;
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

/** A person with all twelve items verified 10 days ago, documents stored. */
async function verifiedPerson(options: { passportExpires?: string } = {}) {
  const user = await createUser();
  const db = await getDb();
  const verifiedAt = new Date(Date.now() - 10 * DAY);
  const image = (item: Item, side: "front" | "page" | "selfie") => storeDocument(db, { userId: user.id, item, side, contentType: "image/png", bytes: PNG });
  const doc = async (item: Item, number: string, expires: string) => ({
    value: { number, country: "GB", issued_at: "2021-06-01", expires_at: expires, mrz: "P<GBR…", images: { front: await image(item, "front") } },
    expires,
  });
  const passport = await doc("passport", "533401372", options.passportExpires ?? "2031-05-31");
  const idCard = await doc("id_card", "GB7741209A", "2032-03-09");
  const licence = await doc("driver_license", "MARTI904120AM9XY", "2030-08-14");
  const values: Record<Item, { value: unknown; expires?: string }> = {
    name: { value: { first_name: "Ada", last_name: "Lovelace", full_name: "Ada Lovelace" } },
    email: { value: user.email },
    phone: { value: "+447700900123" },
    date_of_birth: { value: "1990-04-12" },
    nationality: { value: "GB" },
    address: { value: { street: "1 Road", city: "Bristol", state: "", postal_code: "BS1 4RN", country: "GB" } },
    passport,
    id_card: idCard,
    driver_license: licence,
    proof_of_address: { value: { type: "utility_bill", issued_at: "2026-10-01", images: { page: await image("proof_of_address", "page") } } },
    liveness: { value: { images: { selfie: await image("liveness", "selfie") } } },
    aml: { value: { status: "clear", checked_at: verifiedAt.toISOString(), list: "test@1" } },
  };
  await db.transaction(async (tx) => {
    for (const item of ITEMS) {
      const { value, expires } = values[item];
      await writeItem(tx, { userId: user.id, item, state: "verified", value, at: verifiedAt, action: "test.setup", documentExpiresAt: expires ? new Date(`${expires}T00:00:00Z`) : null });
    }
  });
  return { ...user, verifiedAt };
}

async function call(route: (request: Request) => Promise<Response>, partner: TestPartner, body: unknown, path: string) {
  const response = await route(signedRequest(partner, { path, body }));
  const text = await response.text();
  expect(verifyResponseSignature({ status: response.status, headers: response.headers, body: text, providerPublicKey: providerPublicKey() })).toBe(true);
  return { status: response.status, json: JSON.parse(text) as Record<string, any> };
}
const callValidate = (partner: TestPartner, body: unknown) => call(validate, partner, body, "/kyc/validate");
const callData = (partner: TestPartner, body: unknown) => call(data, partner, body, "/kyc/data");

describe("/kyc/validate", () => {
  let partner: TestPartner;
  beforeAll(async () => {
    partner = await createTestPartner();
  });

  it("applies the five rules in order", async () => {
    const user = await createUser({
      items: {
        name: { state: "verified", value: { first_name: "A", last_name: "B", full_name: "A B" } }, // denied → restricted
        email: { state: "rejected", value: "x@example.com" }, // revoked beats rejected → restricted
        phone: { state: "rejected", value: "+447700900123" }, // granted but rejected → missing
        date_of_birth: { state: "verified", value: "1990-01-01", verifiedAt: new Date(Date.now() - 400 * DAY) }, // expired → missing
        nationality: { state: "pending", value: "GB" }, // granted, pending → pending
        address: { state: "verified", value: {} }, // verified + granted → verified
        aml: { state: "verified", value: {} }, // verified, never granted → missing
      },
    });
    await setGrants(user.id, partner.ocid, { name: "denied", email: "revoked", phone: "granted", date_of_birth: "granted", nationality: "granted", address: "granted", passport: "granted" });
    const response = await callValidate(partner, { user_ocid: user.ocid });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      user_ocid: user.ocid,
      kyc_complete: false,
      grants: {
        name: "restricted",
        email: "restricted",
        phone: "missing",
        date_of_birth: "missing",
        nationality: "pending",
        address: "verified",
        id_card: "missing",
        passport: "missing",
        driver_license: "missing",
        proof_of_address: "missing",
        liveness: "missing",
        aml: "missing",
      },
      verified_at: null,
      expires_at: null,
    });
  });

  it("reports only the requested grants, and accepts user_ocid as a decimal string", async () => {
    const user = await createUser({ items: { email: { state: "verified", value: "a@example.com" } } });
    await setGrants(user.id, partner.ocid, { email: "granted" });
    const response = await callValidate(partner, { user_ocid: String(user.ocid), grants: ["email", "phone"] });
    expect(response.json.grants).toEqual({ email: "verified", phone: "missing" });
  });

  it("says kyc_complete with verified_at and the earliest expiry", async () => {
    const user = await verifiedPerson({ passportExpires: "2027-01-15" });
    await setGrants(user.id, partner.ocid, { name: "granted", date_of_birth: "granted", passport: "granted", liveness: "granted" });
    const response = await callValidate(partner, { user_ocid: user.ocid, grants: ["name"] });
    expect(response.json).toMatchObject({ kyc_complete: true, verified_at: Math.floor(user.verifiedAt.getTime() / 1000), expires_at: Date.UTC(2027, 0, 15) / 1000 });
  });

  it("never shows partner A the grants made to partner B", async () => {
    const other = await createTestPartner();
    const user = await verifiedPerson();
    await setGrants(user.id, other.ocid, Object.fromEntries(ITEMS.map((item) => [item, "granted"])));
    await setGrants(user.id, partner.ocid, { email: "denied" });
    expect((await callValidate(other, { user_ocid: user.ocid })).json.kyc_complete).toBe(true);
    const mine = await callValidate(partner, { user_ocid: user.ocid });
    expect(mine.json.kyc_complete).toBe(false);
    expect(Object.values(mine.json.grants).filter((status) => status !== "missing")).toEqual(["restricted"]);
    const refused = await callData(partner, { user_ocid: user.ocid, grants: ["name"] });
    expect(refused.json).toEqual({ error: { code: "GRANT_NOT_AUTHORIZED", message: expect.any(String), details: { name: "missing" } } });
  });

  it("treats grants of items staff no longer allow the partner as not granted", async () => {
    const narrow = await createTestPartner({ allowedGrants: ["email"] });
    const user = await verifiedPerson();
    await setGrants(user.id, narrow.ocid, { email: "granted", name: "granted" });
    expect((await callValidate(narrow, { user_ocid: user.ocid, grants: ["email", "name"] })).json.grants).toEqual({ email: "verified", name: "missing" });
  });

  it.each([
    { name: "unknown grant", body: { user_ocid: 12345, grants: ["name", "shoe_size"] }, status: 400, error: { code: "INVALID_REQUEST", details: { field: "grants.1" } } },
    { name: "user_ocid missing", body: { grants: ["name"] }, status: 400, error: { code: "INVALID_REQUEST", details: { field: "user_ocid" } } },
    { name: "user_ocid negative", body: { user_ocid: -1 }, status: 400, error: { code: "INVALID_REQUEST", details: { field: "user_ocid" } } },
    { name: "user_ocid not decimal", body: { user_ocid: "0x10" }, status: 400, error: { code: "INVALID_REQUEST", details: { field: "user_ocid" } } },
    { name: "grants not an array", body: { user_ocid: 1, grants: "name" }, status: 400, error: { code: "INVALID_REQUEST", details: { field: "grants" } } },
    { name: "body not an object", body: [1, 2], status: 400, error: { code: "INVALID_REQUEST", details: { field: "body" } } },
    { name: "unknown user", body: { user_ocid: 2_000_000_000 }, status: 404, error: { code: "USER_NOT_FOUND" } },
    { name: "OCID beyond any user", body: { user_ocid: "9007199254740991" }, status: 404, error: { code: "USER_NOT_FOUND" } },
  ])("$name → $status", async ({ body, status, error }) => {
    const response = await callValidate(partner, body);
    expect(response.status).toBe(status);
    expect(response.json).toEqual({ error: { ...error, message: expect.any(String) } });
  });

  it("never answers 5xx to random bodies and headers", async () => {
    const header = fc.oneof(fc.constant(null), fc.string(), fc.stringMatching(/^[0-9a-f]{0,140}$/), fc.integer().map(String));
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({ user_ocid: fc.oneof(fc.integer(), fc.string(), fc.double(), fc.constant(null)), grants: fc.oneof(fc.array(fc.string()), fc.array(fc.constantFrom(...ITEMS)), fc.anything()) }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.record({ id: header, ts: header, nonce: header, sig: header }), fc.boolean(), async (text, headers, tamper) => {
        const override: Record<string, string | null> = {};
        if (tamper) {
          override["X-OC-ID"] = headers.id;
          override["X-OC-Timestamp"] = headers.ts;
          override["X-OC-Nonce"] = headers.nonce;
          override["X-OC-Signature"] = headers.sig;
        }
        for (const [name, value] of Object.entries(override)) if (value !== null && !/^[\x20-\x7e]*$/.test(value)) delete override[name];
        for (const route of [validate, data]) {
          const response = await route(signedRequest(partner, { path: route === validate ? "/kyc/validate" : "/kyc/data", body: text, override }));
          expect(response.status).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("/kyc/data", () => {
  let partner: TestPartner;
  beforeAll(async () => {
    partner = await createTestPartner();
  });

  it("returns SPEC §3's shapes in a signed envelope, masked, and records the access", async () => {
    const user = await verifiedPerson({ passportExpires: "2099-01-01" });
    await setGrants(user.id, partner.ocid, Object.fromEntries(ITEMS.map((item) => [item, "granted"])));
    const before = Math.floor(Date.now() / 1000);
    const response = await callData(partner, { user_ocid: user.ocid, grants: [...ITEMS] });
    expect(response.status).toBe(200);
    const body = response.json;
    expect(verifyDataSignature(body as any, providerPublicKey())).toBe(true);
    expect(verifyDataSignature({ ...body, requester: 1 } as any, providerPublicKey())).toBe(false);
    expect(body).toMatchObject({ user_ocid: user.ocid, provider: getEnv().ocid, requester: partner.ocid });
    expect(body.issued_at).toBeGreaterThanOrEqual(before);
    expect(body.expires_at).toBe(body.issued_at + 3600);
    const url = expect.stringMatching(/^http:\/\/127\.0\.0\.1:3999\/kyc\/documents\/[0-9a-f-]{36}\?exp=\d+&sig=[\w-]{43}$/);
    expect(body.data).toEqual({
      name: { first_name: "Ada", last_name: "Lovelace", full_name: "Ada Lovelace" },
      email: user.email,
      phone: "+447700900123",
      date_of_birth: "1990-04-12",
      nationality: "GB",
      address: { street: "1 Road", city: "Bristol", state: "", postal_code: "BS1 4RN", country: "GB" },
      id_card: { type: "national_id", number: "******209A", country: "GB", issued_at: "2021-06-01", expires_at: "2032-03-09", image_url: url },
      passport: { type: "passport", number: "*****1372", country: "GB", issued_at: "2021-06-01", expires_at: "2099-01-01", image_url: url },
      driver_license: { type: "driver_license", number: "************M9XY", country: "GB", issued_at: "2021-06-01", expires_at: "2030-08-14", image_url: url },
      proof_of_address: { type: "utility_bill", issued_at: "2026-10-01", image_url: url },
      liveness: { verified: true, selfie_url: url, verified_at: Math.floor(user.verifiedAt.getTime() / 1000) },
      aml: { status: "clear", checked_at: Math.floor(user.verifiedAt.getTime() / 1000), list: "test@1" },
    });

    const db = await getDb();
    const accesses = await db.select().from(dataAccesses).where(and(eq(dataAccesses.userId, user.id), eq(dataAccesses.partnerOcid, partner.ocid)));
    expect(accesses.map((row) => row.items)).toEqual([[...ITEMS]]);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, "kyc.data_accessed")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "partner", partnerOcid: partner.ocid, details: { items: [...ITEMS] } });
  });

  it("gives full document numbers only to partners staff allowed them", async () => {
    const trusted = await createTestPartner({ fullDocumentNumbers: true });
    const user = await verifiedPerson();
    await setGrants(user.id, trusted.ocid, { passport: "granted" });
    expect((await callData(trusted, { user_ocid: user.ocid, grants: ["passport"] })).json.data.passport.number).toBe("533401372");
  });

  it("ends the envelope's validity when an item expires sooner than an hour", async () => {
    const soon = new Date(Date.now() + 20 * 60 * 1000);
    const user = await createUser({ items: { email: { state: "verified", value: "soon@example.com" } } });
    const db = await getDb();
    await db.transaction((tx) => writeItem(tx, { userId: user.id, item: "email", state: "verified", value: "soon@example.com", action: "test", at: new Date(), documentExpiresAt: soon }));
    await setGrants(user.id, partner.ocid, { email: "granted" });
    const response = await callData(partner, { user_ocid: user.ocid, grants: ["email"] });
    expect(response.json.expires_at).toBe(Math.floor(soon.getTime() / 1000));
  });

  it("refuses with GRANT_NOT_AUTHORIZED naming every offending item, returns nothing and records nothing", async () => {
    const user = await verifiedPerson();
    await setGrants(user.id, partner.ocid, { name: "granted", liveness: "denied", email: "revoked" });
    const response = await callData(partner, { user_ocid: user.ocid, grants: ["name", "liveness", "email", "phone"] });
    expect(response.status).toBe(403);
    expect(response.json).toEqual({
      error: { code: "GRANT_NOT_AUTHORIZED", message: expect.any(String), details: { liveness: "restricted", email: "restricted", phone: "missing" } },
    });
    const db = await getDb();
    expect(await db.select().from(dataAccesses).where(eq(dataAccesses.userId, user.id))).toEqual([]);
  });

  it.each([
    { name: "no grants", body: { user_ocid: 1 }, field: "grants" },
    { name: "empty grants", body: { user_ocid: 1, grants: [] }, field: "grants" },
    { name: "unknown grant", body: { user_ocid: 1, grants: ["blood_type"] }, field: "grants.0" },
  ])("$name → 400 naming $field", async ({ body, field }) => {
    const response = await callData(partner, body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: { code: "INVALID_REQUEST", message: expect.any(String), details: { field } } });
  });

  it("serves a document through its signed URL and refuses a tampered or expired one", async () => {
    const user = await verifiedPerson();
    await setGrants(user.id, partner.ocid, { passport: "granted" });
    const imageUrl = new URL((await callData(partner, { user_ocid: user.ocid, grants: ["passport"] })).json.data.passport.image_url);
    const fetchDocument = async (url: URL) => {
      const id = url.pathname.split("/").pop()!;
      return document(new Request(url), { params: Promise.resolve({ id }) });
    };
    const good = await fetchDocument(imageUrl);
    expect(good.status).toBe(200);
    expect(good.headers.get("content-type")).toBe("image/png");
    expect(good.headers.get("cache-control")).toBe("private, no-store");
    expect(good.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await good.arrayBuffer())).toEqual(PNG);

    const tampered = new URL(imageUrl);
    tampered.searchParams.set("exp", String(Number(imageUrl.searchParams.get("exp")) + 60));
    const movedBack = new URL(imageUrl);
    movedBack.searchParams.set("exp", String(Math.floor(Date.now() / 1000) - 1));
    // Correctly signed, so only the time check can refuse them.
    const id = imageUrl.pathname.split("/").pop()!;
    const expired = new URL(signDocumentUrl(id, new Date(Date.now() - (getEnv().documentUrlTtlSeconds + 1) * 1000)));
    const tooLongLived = new URL(signDocumentUrl(id, new Date(Date.now() + 10 * 60 * 1000)));
    const otherDocument = new URL(imageUrl.toString().replace(/documents\/[0-9a-f]/, (m) => m.slice(0, -1) + (m.endsWith("0") ? "1" : "0")));
    for (const url of [tampered, movedBack, expired, tooLongLived, otherDocument, new URL(`${imageUrl.origin}${imageUrl.pathname}`)]) {
      const response = await fetchDocument(url);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: { code: "DOCUMENT_URL_INVALID", message: expect.any(String) } });
    }
  });

  // /kyc/data claims its nonce in its transaction's first statement; a rollback gives the claim
  // back to withPartner, so every request uses its nonce up exactly as if it were checked first.
  const send = async (body: unknown, nonce: string) => {
    const response = await data(signedRequest(partner, { path: "/kyc/data", body, nonce }));
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  const reused = [401, { error: { code: "NONCE_REUSED", message: expect.any(String) } }];

  it.each([
    ["a granted read", "granted"],
    ["a read refused with GRANT_NOT_AUTHORIZED (rolled back after the claim)", "refused"],
    ["a person nobody knows", "unknown"],
    ["a body that is not JSON", "not-json"],
  ] as const)("a replay of %s is NONCE_REUSED, and so is a correct request with its nonce", async (_name, kind) => {
    const user = await verifiedPerson();
    await setGrants(user.id, partner.ocid, { name: "granted" });
    const good = { user_ocid: user.ocid, grants: ["name"] };
    const body = { granted: good, refused: { user_ocid: user.ocid, grants: ["name", "email"] }, unknown: { user_ocid: 1_999_999_999, grants: ["name"] }, "not-json": "{" }[kind];
    const nonce = crypto.randomUUID();
    const first = await send(body, nonce);
    expect(first.status).toBe({ granted: 200, refused: 403, unknown: 404, "not-json": 400 }[kind]);
    expect([(await send(body, nonce)).status, (await send(body, nonce)).json]).toEqual(reused);
    expect(Object.values(await send(good, nonce))).toEqual(reused);
    const db = await getDb();
    // Only the granted read was recorded, once.
    expect(await db.select().from(dataAccesses).where(eq(dataAccesses.userId, user.id))).toHaveLength(kind === "granted" ? 1 : 0);
  });

  it("lets exactly one of many concurrent reads with one nonce through, and records it once", async () => {
    const user = await verifiedPerson();
    await setGrants(user.id, partner.ocid, { name: "granted" });
    const nonce = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => send({ user_ocid: user.ocid, grants: ["name"] }, nonce)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => [answer.status, answer.json])).toEqual(Array.from({ length: 7 }, () => reused));
    const db = await getDb();
    expect(await db.select().from(dataAccesses).where(eq(dataAccesses.userId, user.id))).toHaveLength(1);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, "kyc.data_accessed")))).toHaveLength(1);
  });
});
