import { sessionTokenHash } from "@/lib/auth/adapter";
import { getDb } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";

/**
 * The request a server action or route handler runs in, for integration
 * tests that call them directly. A test file replaces `next/headers` with
 * `nextHeaders` (vi.mock is hoisted per file, so each file does it itself):
 *
 *   vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeaders);
 *
 * `actAs` then signs a person in as the browser would be: a database session
 * and its cookie. Auth.js itself reads the cookie and the session, and the
 * role comes from the database, so the guards run exactly as in production.
 */
let current = new Headers();

export const nextHeaders = {
  headers: async () => current,
  cookies: async () => {
    const jar = new Map(
      (current.get("cookie") ?? "")
        .split(/;\s*/)
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const),
    );
    // Auth.js sets cookies on its answers; a test has no browser to keep them.
    return { get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined), has: (name: string) => jar.has(name), set: () => {} };
  },
};

function sessionCookieName(): string {
  return getEnv().publicUrl.protocol === "https:" ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** Makes the next calls run as `userId` (a fresh session), or signed out when null. */
export async function actAs(userId: string | null): Promise<void> {
  const headers = new Headers({ origin: getEnv().publicUrl.origin });
  if (userId) {
    const sessionToken = crypto.randomUUID();
    await (await getDb()).insert(sessions).values({ sessionToken: sessionTokenHash(sessionToken), userId, expires: new Date(Date.now() + 60 * 60 * 1000) });
    headers.set("cookie", `${sessionCookieName()}=${sessionToken}`);
  }
  current = headers;
}

/** Makes the next calls run signed out, from `client` as the server would have set it (null: no address known). */
export function actFromClient(client: string | null): void {
  const headers = new Headers({ origin: getEnv().publicUrl.origin });
  if (client) headers.set(CLIENT_ADDRESS_HEADER, client);
  current = headers;
}

/** Keeps the signed-in person but makes the next calls come from `origin` (null: no Origin header). */
export function fromOrigin(origin: string | null): void {
  current = new Headers(current);
  if (origin === null) current.delete("origin");
  else current.set("origin", origin);
}

/** Adds to the next calls' request what a browser would send besides: a cookie (appended) or another header. */
export function withRequest({ cookie, ...others }: { cookie?: string } & Record<string, string | undefined>): void {
  current = new Headers(current);
  if (cookie) current.set("cookie", [current.get("cookie"), cookie].filter(Boolean).join("; "));
  for (const [name, value] of Object.entries(others)) if (value !== undefined) current.set(name, value);
}
