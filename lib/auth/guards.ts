import "server-only";

import { can, type Permission } from "@/lib/auth/roles";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/http/errors";

/**
 * Route guards for people signed in to a browser (the machine guards are `withPartner`,
 * `withApiKey` and `withBearer`). They answer in the error envelope, never with a redirect:
 * these routes serve JSON and downloads, and pages send people to sign-in themselves
 * (`requireUser`, `requireStaff`).
 *
 * - `withSession`: signed out → 401 UNAUTHORIZED.
 * - `withStaff(permission)`: signed out or not staff → 404 NOT_FOUND, as for the console's
 *   pages: the console does not exist for them. Staff whose role lacks the permission → 403
 *   FORBIDDEN: they know the console, and "not found" would send them looking for a bug.
 *
 * Both refuse a state-changing request whose Origin is not PUBLIC_URL's (403 FORBIDDEN):
 * the session cookie travels with cross-site requests too. Tools that send no Origin pass.
 */
type Route<P> = { params: Promise<P> };
/** A route without dynamic segments: Next passes it `{ params: Promise<{}> }`. */
export type NoParams = Record<string, never>;
type Context<P> = { request: Request; user: SessionUser; params: P };
type Options = { headers?: HeadersInit };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function assertSameOriginWrite(request: Request): void {
  const origin = request.headers.get("origin");
  if (!SAFE_METHODS.has(request.method) && origin !== null && origin !== getEnv().publicUrl.origin) {
    throw new AppError("FORBIDDEN", "Cross-origin requests are refused.");
  }
}

function guarded<P>(admit: (user: SessionUser | null) => SessionUser, handler: (context: Context<P>) => Promise<Response>, options: Options) {
  return async (request: Request, route?: Route<P>): Promise<Response> => {
    try {
      assertSameOriginWrite(request);
      const user = admit(await currentUser());
      return await handler({ request, user, params: (await route?.params) as P });
    } catch (error) {
      return errorResponse(error, options.headers);
    }
  };
}

export function withSession<P = NoParams>(handler: (context: Context<P>) => Promise<Response>, options: Options = {}) {
  return guarded<P>((user) => {
    if (!user) throw new AppError("UNAUTHORIZED", "Sign in first.");
    return user;
  }, handler, options);
}

export function withStaff<P = NoParams>(permission: Permission, handler: (context: Context<P>) => Promise<Response>, options: Options = {}) {
  return guarded<P>((user) => {
    if (!user?.role) throw new AppError("NOT_FOUND", "Not found.");
    if (!can(user.role, permission)) throw new AppError("FORBIDDEN", "Your role may not do this.");
    return user;
  }, handler, options);
}
