import "server-only";

import { getEnv } from "@/lib/env";

/** How long a sign-in lasts, however it was made (the emailed link or a hand-off to another device). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Auth.js's own session cookie: its name and options, so a session Attest opens reads like one Auth.js opened. */
export function sessionCookie(expires: Date): { name: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; expires: Date } } {
  const secure = getEnv().publicUrl.protocol === "https:";
  return { name: `${secure ? "__Secure-" : ""}authjs.session-token`, options: { httpOnly: true, sameSite: "lax", path: "/", secure, expires } };
}
