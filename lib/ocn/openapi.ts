import "server-only";

import { z } from "zod";

import {
  capabilitiesResponseSchema,
  dataRequestSchema,
  dataResponseSchema,
  errorBodySchema,
  validateRequestSchema,
  validateResponseSchema,
} from "@/lib/kyc/partner-schemas";
import { getEnv } from "@/lib/env";
import { providerEndpoint } from "@/lib/ocn/provider";

/**
 * The OCN KYC Provider API as OpenAPI 3.1, generated from the zod schemas the routes
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

const signedHeaders = {
  "X-OC-ID": { description: "This provider's OCID", schema: { type: "string" } },
  "X-OC-Timestamp": { description: "Unix seconds", schema: { type: "string" } },
  "X-OC-Signature": { description: "secp256k1 r‖s‖v over `ocid\\ntimestamp\\nstatus\\nsha256(body)`", schema: { type: "string" } },
};

function errors(...entries: [number, string][]) {
  return Object.fromEntries(entries.map(([status, codes]) => [String(status), { description: codes, headers: signedHeaders, content: json("Error") }]));
}

const AUTH_ERRORS: [number, string][] = [
  [401, "INVALID_SIGNATURE, TIMESTAMP_EXPIRED, UNKNOWN_OCID or NONCE_REUSED"],
  [403, "CONNECTION_REFUSED: the partner is suspended"],
  [413, "PAYLOAD_TOO_LARGE: body over 64 KiB"],
  [502, "METADATA_UNAVAILABLE: the partner's metadata could not be fetched or verified"],
];

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Attest — OCN KYC Provider API",
      version: "0.1.0",
      description:
        "Requests are signed by the calling OCN partner (X-OC-ID, X-OC-Timestamp, X-OC-Nonce, X-OC-Signature over `ocid\\ntimestamp\\nnonce\\nMETHOD\\npath?query\\nsha256(body)`); every response, errors included, is signed by this provider.",
      license: { name: "Apache-2.0" },
    },
    servers: [{ url: providerEndpoint() }],
    components: {
      securitySchemes: {
        ocnSignature: { type: "apiKey", in: "header", name: "X-OC-Signature", description: "secp256k1 signature; see the description above" },
      },
      schemas: {
        ValidateRequest: component(validateRequestSchema, "input"),
        ValidateResponse: component(validateResponseSchema, "output"),
        DataRequest: component(dataRequestSchema, "input"),
        DataResponse: component(dataResponseSchema, "output"),
        Capabilities: component(capabilitiesResponseSchema, "output"),
        Error: component(errorBodySchema, "output"),
      },
    },
    paths: {
      "/metadata.json": {
        get: { summary: "Public provider metadata for OCN discovery", security: [], responses: { "200": { description: "Signed metadata" } } },
      },
      "/capabilities": {
        get: {
          summary: "What this provider offers the calling partner",
          security: [{ ocnSignature: [] }],
          responses: { "200": { description: "Capabilities", headers: signedHeaders, content: json("Capabilities") }, ...errors(...AUTH_ERRORS) },
        },
      },
      "/kyc/validate": {
        post: {
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
