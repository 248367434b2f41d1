import type { Page } from "@playwright/test";

import { signInAs } from "./session";

/** The consent page of the demo gateway (partner 300) asking `userOcid` for `grants`, answering to its callback. */
export function grantUrl(baseURL: string, userOcid: number, grants: string, state = "e2e"): string {
  const query = new URLSearchParams({ grants, user_ocid: String(userOcid), callback_url: new URL("/demo/callback?from=e2e", baseURL).toString(), state });
  return `/kyc/grant/300?${query}`;
}

/** The signed-in person's OCID, as their overview shows it. */
export async function ownOcid(page: Page): Promise<number> {
  await page.goto("/account");
  return Number(await page.getByTestId("user-ocid").textContent());
}

/**
 * Signs `email` in, denies the demo gateway `grants` (English pages: the decision's buttons are
 * found by their English names) and opens the partners page, where the decision's receipt is
 * listed. Returns the person's OCID and the receipt page's path.
 */
export async function signInWithDeniedGrant(page: Page, baseURL: string, email: string, grants = "name"): Promise<{ ocid: number; receipt: string }> {
  await signInAs(page, email);
  const ocid = await ownOcid(page);
  await page.goto(grantUrl(baseURL, ocid, grants));
  await page.getByRole("button", { name: "Deny all" }).click();
  await page.waitForURL((url) => url.pathname === "/demo/callback");
  await page.goto("/account/partners");
  const receipt = await page.getByTestId("receipt").first().getByRole("link", { name: "View" }).getAttribute("href");
  if (!receipt) throw new Error("the denied grant left no receipt on the partners page");
  return { ocid, receipt };
}
