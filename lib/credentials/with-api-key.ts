import "server-only";

import type { z } from "zod";

import { authenticateApiKey, chargeCredits, type ApiAccount } from "@/lib/credentials/accounts";
import { enforceAccountRateLimit } from "@/lib/credentials/rate-limits";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, errorResponse, invalidRequest } from "@/lib/http/errors";
import { readCapped } from "@/lib/http/read-capped";

/**
 * The trust wrapper for API-key routes: `X-API-Key` → account (401 in the
 * error envelope when missing, unknown or revoked), its rate limit (429), then the body parsed with
 * `body` (400), then `cost` credits taken (402). A request that fails before
 * the handler costs nothing; one that reaches it has paid.
 */
type Context<T> = { request: Request; db: Db; account: ApiAccount; body: T };

type Options<S extends z.ZodType | undefined> = { cost: number; reason: string; body?: S };

const MAX_BODY_BYTES = 64 * 1024;

/** JSON whatever the declared type (`curl -d` says form-encoded); anything unparseable is a 400, as SPEC §6 lists. */
export async function readJsonBody(request: Request): Promise<unknown> {
  let bytes: Uint8Array | null;
  try {
    bytes = await readCapped(request.body, MAX_BODY_BYTES, request.headers.get("content-length"));
  } catch {
    // The client went away mid-body (as load generators do at the end of a run): its fault, not a 500 to log.
    throw new AppError("INVALID_REQUEST", "The body could not be read");
  }
  if (!bytes) throw new AppError("PAYLOAD_TOO_LARGE", "The body is too large");
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("INVALID_REQUEST", "The body is not valid JSON");
  }
}

export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

export function withApiKey<S extends z.ZodType | undefined = undefined>(
  handler: (context: Context<S extends z.ZodType ? z.output<S> : undefined>) => Promise<Response>,
  options: Options<S>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const db = await getDb();
      const account = await authenticateApiKey(db, request.headers.get("x-api-key")?.trim() ?? null);
      if (!account) throw new AppError("UNAUTHORIZED", "Send a valid API key in the X-API-Key header");
      await enforceAccountRateLimit(db, account);
      const body = (options.body ? await parseBody(request, options.body) : undefined) as S extends z.ZodType ? z.output<S> : undefined;
      if (options.cost > 0) await db.transaction((tx) => chargeCredits(tx, account.id, options.cost, options.reason));
      return await handler({ request, db, account, body });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
