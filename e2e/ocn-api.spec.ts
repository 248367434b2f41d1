import { expect, test, type APIRequestContext } from "@playwright/test";

import { signRequestHeaders, verifyDataSignature, verifyResponseSignature } from "../lib/ocn/client";
import { metadataSchema, verifyMetadataSignature } from "../lib/ocn/metadata";

/**
 * Partner 300 checks the demo data set over real HTTP against the production build
 * (SPEC §10): every request signed, every answer's signature checked with the provider
 * key read from /metadata.json.
 */
const PARTNER = { ocid: 300, privateKey: "fb1309f86904d436d801d2f307416e7c398ad3cc5a119cebe44cdfe87e8ab092" };
const ITEMS = ["name", "email", "phone", "date_of_birth", "nationality", "address", "id_card", "passport", "driver_license", "proof_of_address", "liveness", "aml"];
const ALICE = 12345;
const BOB = 12346;
const CAROL = 12347;

let providerKey = "";
let providerOcid = 0;

test.beforeAll(async ({ request }) => {
  const response = await request.get("/metadata.json");
  expect(response.status()).toBe(200);
  const metadata = metadataSchema.parse(await response.json());
  expect(verifyMetadataSignature(metadata)).toBe(true);
  expect(metadata.config.capabilities).toEqual(["kyc.grant", "kyc.validate", "kyc.data"]);
  providerKey = metadata.config.publicKey;
  // The OCID a gateway looked this provider up by (the demo data set's provider is 540).
  providerOcid = 540;
});

async function call(request: APIRequestContext, path: string, body?: unknown) {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const method = text === undefined ? "GET" : "POST";
  const headers = signRequestHeaders({ ocid: PARTNER.ocid, privateKeyHex: PARTNER.privateKey, method, url: path, body: text });
  const response = await request.fetch(path, { method, headers: { ...headers, "content-type": "application/json" }, data: text });
  const raw = (await response.body()).toString("utf8");
  const signed = verifyResponseSignature({ status: response.status(), headers: new Headers(response.headers()), body: raw, providerPublicKey: providerKey, providerOcid });
  expect(signed, "response signature").toBe(true);
  return { status: response.status(), json: JSON.parse(raw) };
}

test("capabilities list all twelve grants for partner 300", async ({ request }) => {
  const { status, json } = await call(request, "/capabilities");
  expect(status).toBe(200);
  expect(json).toEqual({ ocid: providerOcid, name: "Attest", capabilities: ["kyc.grant", "kyc.validate", "kyc.data"], supported_grants: ITEMS });
});

test("alice: every item verified, KYC complete", async ({ request }) => {
  const { status, json } = await call(request, "/kyc/validate", { user_ocid: ALICE });
  expect(status).toBe(200);
  expect(json.grants).toEqual(Object.fromEntries(ITEMS.map((item) => [item, "verified"])));
  expect(json.kyc_complete).toBe(true);
  expect(json.verified_at).toBeLessThan(Date.now() / 1000);
  expect(json.expires_at).toBeGreaterThan(Date.now() / 1000);
});

test("bob: passport pending, everything else missing to a partner he granted nothing", async ({ request }) => {
  const { json } = await call(request, "/kyc/validate", { user_ocid: String(BOB) });
  expect(json).toEqual({
    user_ocid: BOB,
    kyc_complete: false,
    grants: Object.fromEntries(ITEMS.map((item) => [item, item === "passport" ? "pending" : "missing"])),
    verified_at: null,
    expires_at: null,
  });
});

test("carol: liveness restricted, and /kyc/data refuses it", async ({ request }) => {
  const validate = await call(request, "/kyc/validate", { user_ocid: CAROL, grants: ["name", "liveness"] });
  expect(validate.json.grants).toEqual({ name: "verified", liveness: "restricted" });
  expect(validate.json.kyc_complete).toBe(false);

  const refused = await call(request, "/kyc/data", { user_ocid: CAROL, grants: ["name", "liveness"] });
  expect(refused.status).toBe(403);
  expect(refused.json).toEqual({ error: { code: "GRANT_NOT_AUTHORIZED", message: expect.any(String), details: { liveness: "restricted" } } });

  const allowed = await call(request, "/kyc/data", { user_ocid: CAROL, grants: ["name"] });
  expect(allowed.json.data).toEqual({ name: { first_name: "Carol", last_name: "Nguyen", full_name: "Carol Nguyen" } });
});

test("alice's data is signed by the key in metadata.json and its document links work until tampered with", async ({ request }) => {
  const { status, json } = await call(request, "/kyc/data", { user_ocid: ALICE, grants: ITEMS });
  expect(status).toBe(200);
  expect(json).toMatchObject({ user_ocid: ALICE, provider: providerOcid, requester: PARTNER.ocid });
  expect(verifyDataSignature(json, providerKey)).toBe(true);
  expect(verifyDataSignature({ ...json, data: { ...json.data, email: "mallory@example.com" } }, providerKey)).toBe(false);
  expect(json.data.email).toBe("alice@example.com");
  expect(json.data.passport).toMatchObject({ type: "passport", number: "*****1372", country: "GB" });
  expect(json.data.liveness.verified).toBe(true);

  const image = new URL(json.data.passport.image_url);
  const file = await request.get(image.pathname + image.search);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("image/png");
  expect(file.headers()["cache-control"]).toBe("private, no-store");
  expect((await file.body()).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");

  const tampered = new URL(image);
  tampered.searchParams.set("exp", String(Number(image.searchParams.get("exp")) + 1));
  const refused = await request.get(tampered.pathname + tampered.search);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("DOCUMENT_URL_INVALID");
});

test("an unsigned request is refused, and the refusal is signed", async ({ request }) => {
  const response = await request.post("/kyc/validate", { data: { user_ocid: ALICE } });
  expect(response.status()).toBe(401);
  const raw = (await response.body()).toString("utf8");
  expect(JSON.parse(raw).error.code).toBe("INVALID_SIGNATURE");
  expect(verifyResponseSignature({ status: 401, headers: new Headers(response.headers()), body: raw, providerPublicKey: providerKey })).toBe(true);
});

test("/openapi.json describes the OCN API", async ({ request }) => {
  const document = await (await request.get("/openapi.json")).json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/kyc/data");
});
