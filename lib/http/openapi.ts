import { z } from "zod";

/**
 * OpenAPI 3.1 generation for Attest's two machine APIs: each API describes its own paths
 * and bodies (lib/partner-api/openapi.ts, lib/credentials-api/openapi.ts) from the zod schemas
 * its routes parse with, so the document cannot drift from what the server accepts and
 * returns; /openapi.json puts the parts together with `openApiDocument`.
 */
export type JsonSchema = Record<string, unknown>;

/** One API's share of the document. */
export type ApiDescription = {
  securitySchemes: Record<string, JsonSchema>;
  schemas: Record<string, JsonSchema>;
  paths: Record<string, Record<string, unknown>>;
};

export function component(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // unrepresentable: "any" keeps transforms (user_ocid as string → number) describable.
  const json = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  delete json.id;
  return json;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (name: string) => ({ "application/json": { schema: ref(name) } });

/** The error envelope both APIs answer with (lib/http/errors.ts). */
const errorBodySchema = z.object({
  error: z.object({
    code: z.string().regex(/^[A-Z_]+$/),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** On 429: when to retry, and the IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers). */
export const rateLimitHeaders = {
  "Retry-After": { description: "Seconds until the current one-minute window ends", schema: { type: "string" } },
  "RateLimit-Policy": { description: 'The caller\'s limit, e.g. `"default";q=600;w=60`', schema: { type: "string" } },
  RateLimit: { description: 'What is left of it, e.g. `"default";r=0;t=17`', schema: { type: "string" } },
};
export const RATE_LIMITED = "RATE_LIMITED: over the caller's requests per minute (600 unless staff set another), counted across all instances";
export const TOO_LARGE: [number, string] = [413, "PAYLOAD_TOO_LARGE: body over 64 KiB"];
export const BAD_BODY: [number, string] = [400, "INVALID_REQUEST: not JSON, or the field named in the message is invalid"];

/** Error answers in the envelope, `headers` on each (and the rate-limit fields on a 429). */
export function errorResponses(headers: Record<string, unknown> | undefined, ...entries: [number, string][]) {
  return Object.fromEntries(
    entries.map(([status, codes]) => {
      const withLimits = status === 429 ? { ...headers, ...rateLimitHeaders } : headers;
      return [String(status), { description: codes, ...(withLimits ? { headers: withLimits } : {}), content: json("Error") }];
    }),
  );
}

export function pathParameter(name: string, schema: z.ZodType) {
  return { name, in: "path", required: true, schema: component(schema, "input") };
}

export function openApiDocument(info: { title: string; description: string; server: string }, ...apis: ApiDescription[]) {
  return {
    openapi: "3.1.0",
    info: { title: info.title, version: "0.1.0", description: info.description, license: { name: "Apache-2.0", identifier: "Apache-2.0" } },
    servers: [{ url: info.server }],
    components: {
      securitySchemes: Object.assign({}, ...apis.map((api) => api.securitySchemes)) as Record<string, JsonSchema>,
      schemas: Object.assign({ Error: component(errorBodySchema, "output") }, ...apis.map((api) => api.schemas)) as Record<string, JsonSchema>,
    },
    paths: Object.assign({}, ...apis.map((api) => api.paths)) as Record<string, Record<string, unknown>>,
  };
}
