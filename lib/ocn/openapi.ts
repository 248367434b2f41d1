import "server-only";

import { z } from "zod";

import {
  capabilitiesResponseSchema,
  dataRequestSchema,
  dataResponseSchema,
  errorBodySchema,
  validateRequestSchema,
  validateResponseSchema,
} from "@/lib/partner-api/schemas";
import {
  credentialIdSchema,
  didDocumentSchema,
  issueRequestSchema,
  issueResponseSchema,
  jwksSchema,
  revokeResponseSchema,
  statusListIdSchema,
  tokenResponseSchema,
  verifyRequestSchema,
  verifyResponseSchema,
} from "@/lib/credentials/api-schemas";
import { BEARER_TOKEN_TTL_SECONDS } from "@/lib/credentials/bearer-tokens";
import { ISSUE_COST } from "@/lib/credentials/issue";
import { VERIFY_COST } from "@/lib/credentials/verify";
import { getEnv } from "@/lib/env";
import { providerMetadataSchema } from "@/lib/ocn/metadata";
import { providerEndpoint } from "@/lib/ocn/provider";

/**
 * The OCN KYC Provider API and the Credentials API as OpenAPI 3.1, generated from the zod schemas the routes
 * parse with, so the document cannot drift from what the server accepts and returns.
 */
type JsonSchema = Record<string, unknown>;

function component(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // unrepresentable: "any" keeps transforms (user_ocid as string → number) describable.
  const json = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  delete json.id;
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ "application/json": { schema: ref(name) } });

/** What a partner sends on every signed OCN request; X-OC-Signature is the security scheme. */
const OCN_REQUEST_HEADERS = [
  { name: "X-OC-ID", in: "header", required: true, description: "The calling partner's OCID", schema: { type: "string", pattern: "^[1-9][0-9]*$" } },
  { name: "X-OC-Timestamp", in: "header", required: true, description: "Unix seconds; within 300 s of the provider's clock", schema: { type: "string", pattern: "^[0-9]+$" } },
  { name: "X-OC-Nonce", in: "header", required: true, description: "Unique per request, at most 128 characters; single use for 600 s", schema: { type: "string", maxLength: 128 } },
];

const signedHeaders = {
  "X-OC-ID": { description: "This provider's OCID", schema: { type: "string" } },
  "X-OC-Timestamp": { description: "Unix seconds", schema: { type: "string" } },
  "X-OC-Signature": { description: "secp256k1 r‖s‖v over `ocid\\ntimestamp\\nstatus\\nsha256(body)`", schema: { type: "string" } },
};

/** On 429: when to retry, and the IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers). */
const rateLimitHeaders = {
  "Retry-After": { description: "Seconds until the current one-minute window ends", schema: { type: "string" } },
  "RateLimit-Policy": { description: 'The caller\'s limit, e.g. `"default";q=600;w=60`', schema: { type: "string" } },
  RateLimit: { description: 'What is left of it, e.g. `"default";r=0;t=17`', schema: { type: "string" } },
};
const RATE_LIMITED = "RATE_LIMITED: over the caller's requests per minute (600 unless staff set another), counted across all instances";

const IDEMPOTENCY_KEY = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Optional, up to 255 visible ASCII characters. Within 24 h the same key and body return the first successful answer (with `Idempotent-Replayed: true`) without issuing or charging again; requests racing with one key issue once. Keys are per API account (or per person for personal tokens); a failed request keeps nothing.",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

function errors(...entries: [number, string][]) {
  return Object.fromEntries(
    entries.map(([status, codes]) => [String(status), { description: codes, headers: status === 429 ? { ...signedHeaders, ...rateLimitHeaders } : signedHeaders, content: json("Error") }]),
  );
}

/** Credentials API errors: the same envelope, unsigned (these callers hold API keys, not OCN keys). */
function plainErrors(...entries: [number, string][]) {
  return Object.fromEntries(entries.map(([status, codes]) => [String(status), { description: codes, ...(status === 429 ? { headers: rateLimitHeaders } : {}), content: json("Error") }]));
}

function parameter(name: string, schema: z.ZodType) {
  return { name, in: "path", required: true, schema: component(schema, "input") };
}

const TOO_LARGE: [number, string] = [413, "PAYLOAD_TOO_LARGE: body over 64 KiB"];
const BAD_BODY: [number, string] = [400, "INVALID_REQUEST: not JSON, or the field named in the message is invalid"];

const AUTH_ERRORS: [number, string][] = [
  [401, "INVALID_SIGNATURE, TIMESTAMP_EXPIRED, UNKNOWN_OCID or NONCE_REUSED"],
  [403, "CONNECTION_REFUSED: the partner is suspended"],
  [413, "PAYLOAD_TOO_LARGE: body over 64 KiB"],
  [429, RATE_LIMITED],
  [502, "METADATA_UNAVAILABLE: the partner's metadata could not be fetched or verified"],
];

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Attest — OCN KYC Provider API and Credentials API",
      version: "0.1.0",
      description:
        "OCN KYC API (/capabilities, /kyc/*): requests are signed by the calling OCN partner (X-OC-ID, X-OC-Timestamp, X-OC-Nonce, X-OC-Signature over `ocid\\ntimestamp\\nnonce\\nMETHOD\\npath?query\\nsha256(body)`); every response, errors included, is signed by this provider. " +
        "Credentials API (/api/v1/*, /.well-known/*): KYC tier credentials as EdDSA VC-JWTs, paid for in credits by API accounts (X-API-Key, or a bearer token from /api/v1/tokens).",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: providerEndpoint() }],
    components: {
      securitySchemes: {
        ocnSignature: { type: "apiKey", in: "header", name: "X-OC-Signature", description: "secp256k1 signature; see the description above" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "An API account's key, sk_live_… or sk_test_…" },
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: `From POST /api/v1/tokens; valid for at most ${BEARER_TOKEN_TTL_SECONDS} s`,
        },
      },
      schemas: {
        ValidateRequest: component(validateRequestSchema, "input"),
        ValidateResponse: component(validateResponseSchema, "output"),
        DataRequest: component(dataRequestSchema, "input"),
        DataResponse: component(dataResponseSchema, "output"),
        Capabilities: component(capabilitiesResponseSchema, "output"),
        Error: component(errorBodySchema, "output"),
        TokenResponse: component(tokenResponseSchema, "output"),
        IssueRequest: component(issueRequestSchema, "input"),
        IssueResponse: component(issueResponseSchema, "output"),
        VerifyRequest: component(verifyRequestSchema, "input"),
        VerifyResponse: component(verifyResponseSchema, "output"),
        RevokeResponse: component(revokeResponseSchema, "output"),
        Jwks: component(jwksSchema, "output"),
        DidDocument: component(didDocumentSchema, "output"),
        ProviderMetadata: component(providerMetadataSchema, "output"),
      },
    },
    paths: {
      "/metadata.json": {
        get: {
          operationId: "getMetadata",
          summary: "Public provider metadata for OCN discovery",
          security: [],
          responses: { "200": { description: "Metadata; `signature` signs SHA-256 of JCS(config) with config.publicKey", content: json("ProviderMetadata") } },
        },
      },
      "/kyc/grant/{ocid}": {
        get: {
          operationId: "showConsentPage",
          summary: "The consent page a gateway sends a person to (a web page, not a machine call)",
          description:
            "The person signs in if needed and decides item by item; the browser is then sent to callback_url with status=granted|partial|denied (and grants, denied, user_ocid, state). " +
            "An unknown partner or an unchecked callback_url gets an error page and no redirect; a bad request with a good callback goes back with status=error&error=invalid_request.",
          security: [],
          parameters: [
            { name: "ocid", in: "path", required: true, description: "The partner's OCID", schema: { type: "string", pattern: "^[1-9][0-9]*$" } },
            { name: "grants", in: "query", required: true, description: "Comma-separated item names", schema: { type: "string" } },
            { name: "user_ocid", in: "query", required: true, schema: { type: "string", pattern: "^[1-9][0-9]*$" } },
            { name: "callback_url", in: "query", required: true, description: "https (or http to loopback outside production) on one of the partner's callback origins", schema: { type: "string", format: "uri" } },
            { name: "state", in: "query", required: false, description: "Returned unchanged on the callback", schema: { type: "string" } },
          ],
          responses: {
            "200": { description: "The consent page, or an error page when the partner or callback_url is not acceptable", content: { "text/html": { schema: { type: "string" } } } },
            "307": { description: "To callback_url with status=error&error=invalid_request (+ state)", headers: { Location: { schema: { type: "string", format: "uri" } } } },
          },
        },
      },
      "/capabilities": {
        get: {
          operationId: "getCapabilities",
          parameters: OCN_REQUEST_HEADERS,
          summary: "What this provider offers the calling partner",
          security: [{ ocnSignature: [] }],
          responses: { "200": { description: "Capabilities", headers: signedHeaders, content: json("Capabilities") }, ...errors(...AUTH_ERRORS) },
        },
      },
      "/kyc/validate": {
        post: {
          operationId: "validateKyc",
          parameters: OCN_REQUEST_HEADERS,
          summary: "Each requested item's status for the calling partner",
          security: [{ ocnSignature: [] }],
          requestBody: { required: true, content: json("ValidateRequest") },
          responses: {
            "200": { description: "Statuses", headers: signedHeaders, content: json("ValidateResponse") },
            ...errors([400, "INVALID_REQUEST naming the field"], ...AUTH_ERRORS, [404, "USER_NOT_FOUND"]),
          },
        },
      },
      "/kyc/data": {
        post: {
          operationId: "getKycData",
          parameters: OCN_REQUEST_HEADERS,
          summary: "The granted items' data, signed by this provider",
          security: [{ ocnSignature: [] }],
          requestBody: { required: true, content: json("DataRequest") },
          responses: {
            "200": { description: "Signed data envelope", headers: signedHeaders, content: json("DataResponse") },
            ...errors([400, "INVALID_REQUEST naming the field"], ...AUTH_ERRORS, [403, "GRANT_NOT_AUTHORIZED (details: item → status) or CONNECTION_REFUSED"], [404, "USER_NOT_FOUND"]),
          },
        },
      },
      "/kyc/documents/{id}": {
        get: {
          operationId: "getDocumentImage",
          summary: `A document image behind a signed URL from /kyc/data, valid for ${getEnv().documentUrlTtlSeconds} s`,
          security: [],
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
            { name: "exp", in: "query", required: true, schema: { type: "string" } },
            { name: "sig", in: "query", required: true, schema: { type: "string" } },
          ],
          responses: {
            "200": { description: "The image", content: { "image/png": {}, "image/jpeg": {}, "application/pdf": {} } },
            "403": { description: "DOCUMENT_URL_INVALID: forged or expired", content: json("Error") },
            "404": { description: "NOT_FOUND", content: json("Error") },
          },
        },
      },
      "/api/v1/tokens": {
        post: {
          operationId: "createToken",
          parameters: [IDEMPOTENCY_KEY],
          summary: "A short-lived bearer token for the API account of the X-API-Key (or, without a key, for the person signed in)",
          security: [{ apiKey: [] }, {}],
          responses: {
            "200": { description: "Bearer token", content: json("TokenResponse") },
            ...plainErrors(
              [400, "INVALID_REQUEST: a malformed Idempotency-Key"],
              [401, "UNAUTHORIZED: no valid API key and nobody signed in"],
              [409, "IDEMPOTENCY_KEY_IN_USE: a request with this key is still running"],
              [429, RATE_LIMITED],
            ),
          },
        },
      },
      "/api/v1/issue": {
        post: {
          operationId: "issueCredential",
          parameters: [IDEMPOTENCY_KEY],
          summary: `Issue a KYC tier credential; an account pays ${ISSUE_COST} credits, a person issuing their own pays nothing`,
          security: [{ bearerToken: [] }],
          requestBody: { required: true, content: json("IssueRequest") },
          responses: {
            "200": { description: "The signed credential", content: json("IssueResponse") },
            ...plainErrors(
              BAD_BODY,
              [401, "UNAUTHORIZED: missing, invalid or expired bearer token"],
              [402, "INSUFFICIENT_CREDITS"],
              [403, "FORBIDDEN: the person has not granted the account's partner name, email, phone and date_of_birth, or a personal token names someone else"],
              [409, "IDEMPOTENCY_KEY_IN_USE: a request with this key is still running"],
              TOO_LARGE,
              [422, "IDENTITY_NOT_VERIFIED (details.fields), TIER_NOT_MET (details.missing), or IDEMPOTENCY_KEY_REUSED: the key was used with another body"],
              [429, RATE_LIMITED],
            ),
          },
        },
      },
      "/api/v1/verify": {
        post: {
          operationId: "verifyCredential",
          summary: `Verify a credential Attest issued (${VERIFY_COST} credit); an invalid credential is a 200 with valid: false`,
          security: [{ apiKey: [] }],
          requestBody: { required: true, content: json("VerifyRequest") },
          responses: {
            "200": { description: "The verdict", content: json("VerifyResponse") },
            ...plainErrors(BAD_BODY, [401, "UNAUTHORIZED: missing, unknown or revoked API key"], [402, "INSUFFICIENT_CREDITS"], TOO_LARGE, [429, RATE_LIMITED]),
          },
        },
      },
      "/api/v1/credentials/{id}/revoke": {
        post: {
          operationId: "revokeCredential",
          summary: "Revoke a credential the bearer token's account issued; its status list bit is set",
          security: [{ bearerToken: [] }],
          parameters: [parameter("id", credentialIdSchema)],
          responses: {
            "200": { description: "Revoked", content: json("RevokeResponse") },
            ...plainErrors(
              [401, "UNAUTHORIZED: missing, invalid or expired bearer token"],
              [403, "FORBIDDEN: a personal token"],
              [404, "NOT_FOUND: no credential with this id was issued by this account"],
              [429, RATE_LIMITED],
            ),
          },
        },
      },
      "/api/v1/status-lists/{id}": {
        get: {
          operationId: "getStatusList",
          summary: "A W3C Bitstring Status List credential (131,072 entries, gzip + base64url) as a VC-JWT",
          security: [],
          parameters: [parameter("id", statusListIdSchema)],
          responses: {
            "200": { description: "The signed status list; cacheable briefly", content: { "application/jwt": { schema: { type: "string" } } } },
            ...plainErrors([404, "NOT_FOUND"]),
          },
        },
      },
      "/.well-known/did.json": {
        get: {
          operationId: "getDidDocument",
          summary: "The issuer's did:web document: current and retired credential keys",
          security: [],
          responses: { "200": { description: "DID document", content: { "application/did+json": { schema: ref("DidDocument") } } } },
        },
      },
      "/.well-known/jwks.json": {
        get: {
          operationId: "getJwks",
          summary: "The credential keys, current and retired, as a JWK Set",
          security: [],
          responses: { "200": { description: "JWK Set", content: json("Jwks") } },
        },
      },
    },
  };
}
