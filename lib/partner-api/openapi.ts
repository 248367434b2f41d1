import "server-only";

import type { ApiDescription } from "@/lib/http/openapi";
import { component, errorResponses, json, RATE_LIMITED, TOO_LARGE } from "@/lib/http/openapi";
import { getEnv } from "@/lib/env";
import { providerMetadataSchema } from "@/lib/ocn/metadata";
import {
  capabilitiesResponseSchema,
  dataRequestSchema,
  dataResponseSchema,
  validateRequestSchema,
  validateResponseSchema,
} from "@/lib/partner-api/schemas";

/** The OCN KYC Provider API's share of /openapi.json (lib/http/openapi.ts). */
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

/** Every OCN answer, errors included, is signed by this provider. */
const signedErrors = (...entries: [number, string][]) => errorResponses(signedHeaders, ...entries);

const AUTH_ERRORS: [number, string][] = [
  [401, "INVALID_SIGNATURE, TIMESTAMP_EXPIRED, UNKNOWN_OCID or NONCE_REUSED"],
  [403, "CONNECTION_REFUSED: the partner is suspended"],
  TOO_LARGE,
  [429, RATE_LIMITED],
  [502, "METADATA_UNAVAILABLE: the partner's metadata could not be fetched or verified"],
];

export function partnerApiDescription(): ApiDescription {
  return {
    securitySchemes: {
      ocnSignature: { type: "apiKey", in: "header", name: "X-OC-Signature", description: "secp256k1 signature; see the description above" },
    },
    schemas: {
      ValidateRequest: component(validateRequestSchema, "input"),
      ValidateResponse: component(validateResponseSchema, "output"),
      DataRequest: component(dataRequestSchema, "input"),
      DataResponse: component(dataResponseSchema, "output"),
      Capabilities: component(capabilitiesResponseSchema, "output"),
      ProviderMetadata: component(providerMetadataSchema, "output"),
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
          responses: { "200": { description: "Capabilities", headers: signedHeaders, content: json("Capabilities") }, ...signedErrors(...AUTH_ERRORS) },
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
            ...signedErrors([400, "INVALID_REQUEST naming the field"], ...AUTH_ERRORS, [404, "USER_NOT_FOUND"]),
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
            ...signedErrors([400, "INVALID_REQUEST naming the field"], ...AUTH_ERRORS, [403, "GRANT_NOT_AUTHORIZED (details: item → status) or CONNECTION_REFUSED"], [404, "USER_NOT_FOUND"]),
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
    },
  };
}
