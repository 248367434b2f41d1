import type { z } from "zod";

import { AppError, invalidRequest } from "@/lib/http/errors";
import { readCapped } from "@/lib/http/read-capped";

/** The one limit on a request body, for every API that reads one (signed OCN calls, API-key and bearer routes). */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The body's bytes, no more than MAX_BODY_BYTES: 413 over it, 400 when the client went away
 * mid-body (as load generators do at the end of a run), which is its fault, not a 500 to log.
 */
export async function readBody(request: Request): Promise<Uint8Array> {
  let bytes: Uint8Array | null;
  try {
    bytes = await readCapped(request.body, MAX_BODY_BYTES, request.headers.get("content-length"));
  } catch {
    throw new AppError("INVALID_REQUEST", "body: could not be read", { field: "body" });
  }
  if (!bytes) throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  return bytes;
}

/** JSON from bytes whatever the declared type (`curl -d` says form-encoded); anything unparseable is a 400, as SPEC §6 lists. */
export function jsonOf(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("INVALID_REQUEST", "body: not valid JSON", { field: "body" });
  }
}

/** Bytes as JSON checked against `schema`; INVALID_REQUEST naming the first offending field otherwise. */
export function parseJsonBytes<S extends z.ZodType>(bytes: Uint8Array, schema: S): z.output<S> {
  const parsed = schema.safeParse(jsonOf(bytes));
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

export async function readJsonBody(request: Request): Promise<unknown> {
  return jsonOf(await readBody(request));
}

export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  return parseJsonBytes(await readBody(request), schema);
}
