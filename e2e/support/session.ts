import type { Page } from "@playwright/test";

import { latestLinkFor } from "./mailbox";

/**
 * Signs `email` in without clicking through the form: asks Auth.js for a
 * link over HTTP (with its CSRF token, as the form does) and opens it.
 * Only the sign-in test itself goes through the page.
 */
export async function signInAs(page: Page, email: string, returnTo = "/account"): Promise<void> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/signin/email", {
    form: { csrfToken, email, callbackUrl: returnTo },
    maxRedirects: 0,
  });
  if (response.status() >= 400) throw new Error(`sign-in request failed: ${response.status()}`);
  await page.goto(await latestLinkFor(email));
}

export function uniqueEmail(prefix = "person"): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}
