import "server-only";

import type { z } from "zod";

import { authenticateApiKey, chargeCreditsAlone, type ApiAccount } from "@/lib/credentials/accounts";
import { enforceAccountRateLimit } from "@/lib/credentials/rate-limits";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, errorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/json-body";

/**
 * The trust wrapper for API-key routes: `X-API-Key` → account (401 in the
 * error envelope when missing, unknown or revoked), its rate limit (429), then the body parsed with
 * `body` (400), then `cost` credits taken (402). A request that fails before
 * the handler costs nothing; one that reaches it has paid.
 */
type Context<T> = { request: Request; db: Db; account: ApiAccount; body: T };

type Options<S extends z.ZodType | undefined> = { cost: number; reason: string; body?: S };

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
      const body = (options.body ? await parseJsonBody(request, options.body) : undefined) as S extends z.ZodType ? z.output<S> : undefined;
      if (options.cost > 0) await chargeCreditsAlone(db, account.id, options.cost, options.reason);
      return await handler({ request, db, account, body });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
