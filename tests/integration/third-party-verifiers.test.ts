import https, { request as httpsRequest, Agent, createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";

import SwaggerParser from "@apidevtools/swagger-parser";
import { checkStatus, decodeList, statusTypeMatches } from "@digitalbazaar/vc-bitstring-status-list";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { verifyCredential as verifyVcJwt } from "did-jwt-vc";
import { Resolver } from "did-resolver";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { generate as generateCertificate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getResolver as webDidResolver } from "web-did-resolver";

import { GET as didDocumentRoute } from "@/app/.well-known/did.json/route";
import { GET as jwksRoute } from "@/app/.well-known/jwks.json/route";
import { POST as revokeRoute } from "@/app/api/v1/credentials/[id]/revoke/route";
import { POST as issueRoute } from "@/app/api/v1/issue/route";
import { GET as statusListRoute } from "@/app/api/v1/status-lists/[id]/route";
import { GET as metadataRoute } from "@/app/metadata.json/route";
import { GET as openApiRoute } from "@/app/openapi.json/route";
import { registerSigningKey } from "@/lib/credentials/signing-keys";
import { getDb } from "@/lib/db/client";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { createRequestListener, type NextHandler } from "@/lib/http/attest-server";
import { MACHINE_API } from "@/lib/machine-api";
import { ocnRequest } from "@/lib/ocn/client";
import { ITEMS } from "@/lib/items/items";
import { createFundedAccount, createPerson } from "@/tests/support/credentials";
import { setGrants } from "@/tests/support/factories";
import { createTestPartner, startMetadataServer, stopMetadataServer } from "@/tests/support/ocn-partners";

/**
 * What Attest publishes, checked by the libraries third parties verify with, not by
 * Attest's own code: did-jwt-vc resolving the issuer's did:web with web-did-resolver, Digital
 * Bazaar's Bitstring Status List, jose against the JWKS, an OpenAPI 3.1 validator, and ajv
 * holding the server's answers to its own OpenAPI schemas. The routes are served over real
 * HTTPS on loopback (did:web is https only), with a certificate made here and trusted only
 * by this process's default agent, which web-did-resolver's fetch uses.
 */
let server: Server;
let origin = "";
let agent: Agent;
const savedAgent = https.globalAgent;
const savedPublicUrl = process.env.PUBLIC_URL;

type Dynamic = [RegExp, (request: Request, id: string) => Promise<Response>];
const DYNAMIC: Dynamic[] = [
  [/^\/api\/v1\/status-lists\/([^/]+)$/, (request, id) => statusListRoute(request, { params: Promise.resolve({ id }) })],
  [/^\/api\/v1\/credentials\/([^/]+)\/revoke$/, (request, id) => revokeRoute(request, { params: Promise.resolve({ id }) })],
];

/** Stands in for Next: the app routes with a path parameter, called as Next would call them. */
const dynamicRoutes: NextHandler = async (incoming, outgoing) => {
  const url = new URL(incoming.url ?? "/", origin);
  const match = DYNAMIC.map(([pattern, handler]) => [pattern.exec(url.pathname), handler] as const).find(([found]) => found);
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers(Object.entries(incoming.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : [])));
  const request = new Request(url, { method: incoming.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
  const response = match ? await match[1](request, match[0]![1]!) : Response.json({ error: { code: "NOT_FOUND", message: "no route" } }, { status: 404 });
  const body = Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries())).end(body);
};

/** GET or POST over HTTPS through the trusted agent (Node's fetch does not take an agent). */
function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = httpsRequest(new URL(path, origin), { method: init.method ?? "GET", headers: init.headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: new Headers(Object.entries(response.headers).flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : []))),
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    sent.on("error", reject);
    sent.end(init.body);
  });
}

/** The same as a fetch implementation, for lib/ocn/client.ts's partner-side calls. */
const fetchOverAgent: typeof fetch = async (input, init) => {
  const url = input instanceof URL ? input : new URL(String(input));
  const response = await call(`${url.pathname}${url.search}`, { method: init?.method, headers: Object.fromEntries(new Headers(init?.headers).entries()), body: init?.body as string | undefined });
  return new Response(response.text, { status: response.status, headers: response.headers });
};

const resolver = new Resolver(webDidResolver());

async function openApi(): Promise<Record<string, unknown> & { components: { schemas: Record<string, unknown> } }> {
  return JSON.parse((await call("/openapi.json")).text);
}

/** An ajv validator for one of the served document's component schemas. */
async function schemaValidator(name: string) {
  const document = await openApi();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: "openapi", components: document.components });
  return ajv.compile({ $ref: `openapi#/components/schemas/${name}` });
}

async function issueCredential() {
  const { partnerOcid, bearer } = await createFundedAccount(100);
  const person = await createPerson();
  // Tier3 attests every item it relies on, so the person grants the account's partner all of them.
  await setGrants(person.user.id, partnerOcid!, Object.fromEntries(ITEMS.map((item) => [item, "granted"])));
  const response = await call("/api/v1/issue", {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: JSON.stringify({ ...person.request, tier: "Tier3" }),
  });
  expect(response.status, response.text).toBe(200);
  return { ...(JSON.parse(response.text) as { token: string; credential_id: string }), bearer, person };
}

/** Loads a status list credential the way a verifier does: fetch the VC-JWT, verify it with did-jwt-vc. */
async function loadStatusList(url: string) {
  expect(url.startsWith(origin)).toBe(true);
  const response = await call(new URL(url).pathname);
  expect(response.status).toBe(200);
  const verified = await verifyVcJwt(response.text, resolver);
  return { jwt: response.text, verified, document: verified.verifiableCredential as unknown as Record<string, unknown> };
}

beforeAll(async () => {
  await startMetadataServer();
  const pems = await generateCertificate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] }],
  });
  agent = new Agent({ ca: pems.cert });
  // web-did-resolver fetches with node-fetch, which takes Node's default HTTPS agent.
  https.globalAgent = agent;
  server = createServer(
    { key: pems.private, cert: pems.cert },
    createRequestListener({
      next: dynamicRoutes,
      ...MACHINE_API,
      routes: {
        ...MACHINE_API.routes,
        "GET /.well-known/did.json": () => didDocumentRoute(),
        "GET /.well-known/jwks.json": () => jwksRoute(),
        "GET /metadata.json": async () => metadataRoute(),
        "GET /openapi.json": async () => openApiRoute(),
        "POST /api/v1/issue": issueRoute,
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  // The issuer becomes did:web:localhost%3A<port>, which resolves to this server.
  process.env.PUBLIC_URL = origin;
  resetEnvForTests();
  await registerSigningKey(await getDb());
});

afterAll(async () => {
  https.globalAgent = savedAgent;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await stopMetadataServer();
  process.env.PUBLIC_URL = savedPublicUrl;
  resetEnvForTests();
});

describe("credentials, checked by did-jwt-vc with web-did-resolver", () => {
  it("verifies an issued credential against the did:web document, keeping the subject DID and dates as signed", async () => {
    const { token } = await issueCredential();
    const raw = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { vc: Record<string, unknown> & { credentialSubject: { id: string } } };
    const verified = await verifyVcJwt(token, resolver);
    expect(getEnv().credentialIssuer).toBe(`did:web:localhost%3A${new URL(origin).port}`);
    expect(verified.issuer).toBe(getEnv().credentialIssuer);
    // The header's kid is the verification method that signed, by its absolute DID URL.
    expect(verified.signer.id).toBe(decodeProtectedHeader(token).kid);
    expect(decodeProtectedHeader(token).kid).toMatch(new RegExp(`^${getEnv().credentialIssuer}#`));
    // did-jwt-vc rebuilds the credential from the registered claims; nothing Attest signed in `vc` may be overwritten.
    const vc = verified.verifiableCredential;
    expect(vc.credentialSubject.id).toBe(raw.vc.credentialSubject.id);
    expect(vc.credentialSubject.id).toMatch(/^did:kyc:user:[0-9a-f]{64}$/);
    expect(Date.parse(vc.issuanceDate)).toBe(Date.parse(String(raw.vc.issuanceDate)));
    expect(Date.parse(String(vc.expirationDate))).toBe(Date.parse(String(raw.vc.expirationDate)));
    expect(vc["@context"]).toEqual(raw.vc["@context"]);
  });

  it("verifies the status list credential, its claims and its vc one-to-one", async () => {
    const { token } = await issueCredential();
    const status = (await verifyVcJwt(token, resolver)).verifiableCredential.credentialStatus as unknown as { statusListCredential: string };
    const { jwt, document } = await loadStatusList(status.statusListCredential);
    const raw = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as { vc: Record<string, unknown> & { credentialSubject: { id: string } } };
    expect(decodeProtectedHeader(jwt).typ).toBe("JWT");
    expect(document.id).toBe(raw.vc.id);
    expect((document.credentialSubject as { id: string }).id).toBe(raw.vc.credentialSubject.id);
    expect(Date.parse(String(document.issuanceDate))).toBe(Date.parse(String(raw.vc.issuanceDate)));
    expect(Date.parse(String(document.expirationDate))).toBe(Date.parse(String(raw.vc.expirationDate)));
    expect(raw.vc).not.toHaveProperty("validFrom");
  });
});

describe("status, checked by @digitalbazaar/vc-bitstring-status-list", () => {
  it("finds the entry, decodes the published list and sees the bit flip on revocation", async () => {
    const { token, credential_id: id, bearer } = await issueCredential();
    const credential = (await verifyVcJwt(token, resolver)).verifiableCredential as unknown as Record<string, unknown> & { credentialStatus: { statusListIndex: string; statusListCredential: string } };
    expect(statusTypeMatches({ credential })).toBe(true);
    // The list's own signature was checked by did-jwt-vc in loadStatusList (the library checks Data Integrity proofs only).
    const documentLoader = async (url: string) => ({ document: (await loadStatusList(url)).document, documentUrl: url });
    const check = (signal: Record<string, unknown>) => checkStatus({ credential: signal, documentLoader, verifyBitstringStatusListCredential: false, verifyMatchingIssuers: true });

    expect(await check(credential)).toMatchObject({ verified: true, results: [{ verified: true, status: false }] });
    const { document } = await loadStatusList(credential.credentialStatus.statusListCredential);
    const list = await decodeList({ encodedList: (document.credentialSubject as { encodedList: string }).encodedList });
    expect(list.length).toBe(131_072);
    expect(list.getStatus(Number(credential.credentialStatus.statusListIndex))).toBe(false);

    const revoked = await call(`/api/v1/credentials/${id}/revoke`, { method: "POST", headers: { authorization: `Bearer ${bearer}` } });
    expect(revoked.status, revoked.text).toBe(200);
    expect(await check(credential)).toMatchObject({ verified: true, results: [{ verified: true, status: true }] });
  });
});

describe("keys, checked by jose", () => {
  it("finds each token's key in the JWKS by its kid, the same DID URL did.json names", async () => {
    const { token } = await issueCredential();
    const jwks = JSON.parse((await call("/.well-known/jwks.json")).text) as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: getEnv().credentialIssuer, algorithms: ["EdDSA"] });
    expect(payload.sub).toMatch(/^did:kyc:user:/);
    const did = JSON.parse((await call("/.well-known/did.json")).text) as { verificationMethod: { id: string }[]; assertionMethod: string[] };
    expect(did.verificationMethod.map((method) => method.id)).toContain(protectedHeader.kid);
    expect(did.assertionMethod).toContain(protectedHeader.kid);
  });
});

describe("the API description, checked by swagger-parser and ajv", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    // validate() resolves and checks against the OpenAPI 3.1 schema, throwing on the first violation.
    const api = (await SwaggerParser.validate((await openApi()) as never)) as { openapi?: string };
    expect(api.openapi).toBe("3.1.0");
  });

  it("describes /metadata.json as served: contact and profile are strings", async () => {
    const validate = await schemaValidator("ProviderMetadata");
    const metadata = JSON.parse((await call("/metadata.json")).text) as { contact: unknown; profile: string };
    expect(validate(metadata), JSON.stringify(validate.errors)).toBe(true);
    expect(typeof metadata.contact).toBe("string");
    expect(metadata.profile).toContain(" ");
  });

  it("describes /kyc/data as served, times in Unix seconds", async () => {
    const partner = await createTestPartner();
    const person = await createPerson();
    await setGrants(person.user.id, partner.ocid, { liveness: "granted", aml: "granted", name: "granted" });
    const response = await ocnRequest({
      baseUrl: origin,
      path: "/kyc/data",
      body: { user_ocid: person.user.ocid, grants: ["name", "liveness", "aml"] },
      ocid: partner.ocid,
      privateKeyHex: partner.privateKey,
      fetchImpl: fetchOverAgent,
    });
    expect(response.status, response.text).toBe(200);
    const validate = await schemaValidator("DataResponse");
    expect(validate(response.json), JSON.stringify(validate.errors)).toBe(true);
    const data = (response.json as { data: { liveness: { verified_at: unknown }; aml: { checked_at: unknown } } }).data;
    expect(Number.isInteger(data.liveness.verified_at)).toBe(true);
    expect(Number.isInteger(data.aml.checked_at)).toBe(true);
  });
});
