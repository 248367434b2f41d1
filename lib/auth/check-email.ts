import { z } from "zod";

import { safeReturnPath } from "@/lib/http/return-path";

/**
 * The "check your email" page names the address the link went to and can send it again.
 * The address travels in the page's query only for that: it is shown and put back into the
 * same sign-in form, never trusted for anything else, so a forged one is only a typo.
 */
export const CHECK_EMAIL_PATH = "/signin/check-email";

// The sign-in form's own rule, so any address that could be sent to can be shown.
const sentToSchema = z.email().max(254);

export type SentTo = { email: string; callbackUrl: string; again: boolean };

/**
 * Where to go once Auth.js has sent a link. It answers with its own "verify request" page
 * (which forwards to ours); anything else (an error page, a refusal) is kept as it is.
 */
export function checkEmailPath(authRedirect: string, sent: SentTo): string {
  const path = new URL(authRedirect, "http://attest.invalid").pathname;
  if (!path.endsWith("/verify-request") && path !== CHECK_EMAIL_PATH) return authRedirect;
  const query = new URLSearchParams({ email: sent.email, callbackUrl: safeReturnPath(sent.callbackUrl) });
  if (sent.again) query.set("again", "1");
  return `${CHECK_EMAIL_PATH}?${query}`;
}

/** What the page may show, from its query: nothing when the address is not one. */
export function sentToFrom(query: { email?: string | string[]; callbackUrl?: string | string[]; again?: string | string[] }): SentTo | null {
  const email = sentToSchema.safeParse(query.email);
  if (!email.success) return null;
  const callbackUrl = typeof query.callbackUrl === "string" ? query.callbackUrl : undefined;
  return { email: email.data, callbackUrl: safeReturnPath(callbackUrl), again: query.again === "1" };
}
