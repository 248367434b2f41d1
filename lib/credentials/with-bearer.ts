import "server-only";

import type { z } from "zod";

import { principalFromRequest, type Principal } from "@/lib/credentials/bearer-tokens";
import { enforcePrincipalRateLimit } from "@/lib/credentials/rate-limits";
import { getDb, type Db } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/json-body";

/**
 * The trust wrapper for bearer-token routes: `Authorization: Bearer` → principal (401 in
 * the error envelope when missing, malformed, expired or forged), the account's rate limit
 * (429), then the body parsed with `body` (413/400). Anything the handler throws becomes
 * the envelope too.
 */
type Context<T, P> = { request: Request; db: Db; principal: Principal; body: T; params: P };

type Body<S> = S extends z.ZodType ? z.output<S> : undefined;

export function withBearer<S extends z.ZodType | undefined = undefined, P = Record<string, never>>(
  handler: (context: Context<Body<S>, P>) => Promise<Response>,
  options: { body?: S } = {},
): (request: Request, route?: { params: Promise<P> }) => Promise<Response> {
  return async (request, route) => {
    try {
      const principal = await principalFromRequest(request);
      const db = await getDb();
      await enforcePrincipalRateLimit(db, principal);
      const body = (options.body ? await parseJsonBody(request, options.body) : undefined) as Body<S>;
      return await handler({ request, db, principal, body, params: (await route?.params) as P });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
