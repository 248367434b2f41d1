import "server-only";

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
import { VERIFY_COST } from "@/lib/credentials-api/verify";
import { BAD_BODY, component, errorResponses, json, pathParameter, RATE_LIMITED, ref, TOO_LARGE, type ApiDescription } from "@/lib/http/openapi";

/** The Credentials API's share of /openapi.json (lib/http/openapi.ts). */
const IDEMPOTENCY_KEY = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Optional, up to 255 visible ASCII characters. Within 24 h the same key and body return the first successful answer (with `Idempotent-Replayed: true`) without issuing or charging again; requests racing with one key issue once. Keys are per API account (or per person for personal tokens); a failed request keeps nothing.",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

/** Credentials API errors: the envelope, unsigned (these callers hold API keys, not OCN keys). */
const plainErrors = (...entries: [number, string][]) => errorResponses(undefined, ...entries);

export function credentialsApiDescription(): ApiDescription {
  return {
    securitySchemes: {
      apiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "An API account's key, sk_live_… or sk_test_…" },
      bearerToken: {
        type: "http",
        scheme: "bearer",
        bearerFormat: "JWT",
        description: `From POST /api/v1/tokens; valid for at most ${BEARER_TOKEN_TTL_SECONDS} s`,
      },
    },
    schemas: {
      TokenResponse: component(tokenResponseSchema, "output"),
      IssueRequest: component(issueRequestSchema, "input"),
      IssueResponse: component(issueResponseSchema, "output"),
      VerifyRequest: component(verifyRequestSchema, "input"),
      VerifyResponse: component(verifyResponseSchema, "output"),
      RevokeResponse: component(revokeResponseSchema, "output"),
      Jwks: component(jwksSchema, "output"),
      DidDocument: component(didDocumentSchema, "output"),
    },
    paths: {
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
          parameters: [pathParameter("id", credentialIdSchema)],
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
          parameters: [pathParameter("id", statusListIdSchema)],
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
