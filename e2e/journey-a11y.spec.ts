import { mkdirSync } from "node:fs";

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { buildPassportMrz } from "../lib/documents/mrz";
import { LOCALE_COOKIE, LOCALES } from "../lib/i18n/locales";
import { ITEMS } from "../lib/items/items";
import { latestLinkFor } from "./support/mailbox";
import { grantUrl, ownOcid, signInWithDeniedGrant } from "./support/consent";
import { signInAs, uniqueEmail } from "./support/session";

/**
 * The person's pages checked with axe (no serious or critical finding), and the small
 * things a person trips over: stale phone-code messages, a missing item described as done,
 * an error summary below the fields, a check-email page that cannot resend.
 */
const SHOTS = process.env.E2E_SHOTS_DIR ?? "/tmp/journey-shots";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    // Experimental in axe, but it is what a voice-control user meets: a name that does not contain the visible words.
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ rule: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(" ")) }));
}

async function expectAccessible(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page), `axe on ${path}`).toEqual([]);
}

async function screenshots(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [width, height] of [[390, 844], [1280, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
}

const GRANTS = "name,email,phone,passport,liveness";

const sentNotice = (page: Page) => page.getByRole("status").filter({ hasText: "sign-in link" });

async function messagesTo(address: string): Promise<number> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/dev/mailbox/messages`);
  const { messages } = (await response.json()) as { messages: { to: string }[] };
  return messages.filter((message) => message.to.toLowerCase().includes(address.toLowerCase())).length;
}

test("axe finds nothing serious on the person's pages, the sign-in pages, the consent page and /demo", async ({ page, browser, baseURL }) => {
  // Some twenty pages, each analysed in full.
  test.setTimeout(240_000);
  const email = uniqueEmail("a11y");
  await signInAs(page, email);
  const ocid = await ownOcid(page);

  // A decision on the consent page gives a receipt and a connected partner to check.
  await expectAccessible(page, grantUrl(baseURL!, ocid, GRANTS));
  await page.getByRole("button", { name: "Select all" }).click();
  await page.getByRole("button", { name: "Share selected" }).click();
  await page.waitForURL((url) => url.pathname === "/demo/callback");

  // Every end-user page: the overview (also right after a submission), each item, credentials, partners, deletion.
  const itemPages = ITEMS.map((item) => `/account/items/${item}`);
  for (const path of ["/account", "/account?submitted=name", ...itemPages, "/account/credentials", "/account/partners", "/account/delete", "/demo"]) {
    await expectAccessible(page, path);
  }
  await page.goto("/account/items/passport");
  await page.getByRole("textbox", { name: "Machine-readable zone" }).fill(buildPassportMrz({ documentNumber: "K7Q2R9W41", issuingCountry: "GB", lastName: "Axe", firstName: "Ada", birthDate: "1990-01-01", expirationDate: "2034-01-01" }));
  await expect(page.getByTestId("mrz-read")).toBeVisible();
  expect(await seriousViolations(page), "axe on the passport form filled from its MRZ").toEqual([]);
  await page.goto(grantUrl(baseURL!, ocid, GRANTS));
  await page.getByRole("button", { name: "Clear all" }).click();
  await page.getByRole("button", { name: "Share selected" }).click();
  await expect(page.getByTestId("confirm-deny")).toBeVisible();
  expect(await seriousViolations(page), "axe on the consent page asking to confirm denying all").toEqual([]);
  await page.goto("/account/partners");
  await page.getByTestId("receipt").first().getByRole("link", { name: "View" }).click();
  await expect(page).toHaveURL(/\/account\/receipts\//);
  await expectAccessible(page, new URL(page.url()).pathname);
  await screenshots(page, "receipt");

  // axe needs a page of its own context (not browser.newPage()) to reach every frame.
  const signedOut = await browser.newContext({ baseURL });
  try {
    const fresh = await signedOut.newPage();
    await expectAccessible(fresh, "/signin");
    // Signed out on a consent request: the sign-in screen names the partner.
    await expectAccessible(fresh, grantUrl(baseURL!, ocid, GRANTS));
    await expect(fresh.getByTestId("signin-consent")).toBeVisible();
    await expectAccessible(fresh, `/signin/check-email?${new URLSearchParams({ email, callbackUrl: "/account" })}`);
  } finally {
    await signedOut.close();
  }
});

test("axe finds nothing serious on every end-user page in every language", async ({ page, browser, baseURL }) => {
  // Four languages, each some twenty pages analysed in full: on a busy machine, minutes.
  test.setTimeout(1_200_000);
  const email = uniqueEmail("a11y-languages");
  // One decision first, so the partners page and a receipt have something to show.
  const { ocid, receipt } = await signInWithDeniedGrant(page, baseURL!, email, "name,email");

  const signedIn = ["/", "/account", "/account?submitted=name", ...ITEMS.map((item) => `/account/items/${item}`), "/account/credentials", "/account/partners", receipt, "/account/delete", grantUrl(baseURL!, ocid, GRANTS)];
  const signedOut = ["/signin", `/signin/check-email?${new URLSearchParams({ email, callbackUrl: "/account" })}`, "/signin/error?error=Verification", grantUrl(baseURL!, ocid, GRANTS)];
  const host = new URL(baseURL!).hostname;
  for (const locale of LOCALES) {
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, domain: host, path: "/" }]);
    for (const path of signedIn) {
      await expectAccessible(page, path);
      await expect(page.locator("html"), path).toHaveAttribute("lang", locale);
    }
    const context = await browser.newContext({ baseURL });
    try {
      await context.addCookies([{ name: LOCALE_COOKIE, value: locale, domain: host, path: "/" }]);
      const fresh = await context.newPage();
      for (const path of signedOut) await expectAccessible(fresh, path);
    } finally {
      await context.close();
    }
  }
});

test("the scrollable receipt JSON is reached by keyboard and named", async ({ page, baseURL }) => {
  const { receipt } = await signInWithDeniedGrant(page, baseURL!, uniqueEmail("receipt-keys"));
  await page.goto(receipt);
  const json = page.getByRole("region", { name: "The signed receipt as JSON" });
  await expect(json).toHaveAttribute("tabindex", "0");
  await page.getByRole("link", { name: "metadata" }).focus();
  await page.keyboard.press("Tab");
  await expect(json).toBeFocused();
});

test("'Revoke all' is named by its visible words", async ({ page, baseURL }) => {
  await signInAs(page, uniqueEmail("revoke-name"));
  const ocid = await ownOcid(page);
  await page.goto(grantUrl(baseURL!, ocid, "name,email"));
  await page.getByRole("button", { name: "Select all" }).click();
  await page.getByRole("button", { name: "Share selected" }).click();
  await page.waitForURL((url) => url.pathname === "/demo/callback");
  await page.goto("/account/partners");
  const button = page.getByTestId("partner-300").getByRole("button", { name: /^Revoke all/ });
  await expect(button).toHaveText("Revoke all");
  await expect(button).toHaveAccessibleName("Revoke all items shared with Demo Gateway");
  await screenshots(page, "partners");
});

test("a new phone code clears 'Too many wrong codes'; a missing phone is not described as verified", async ({ page }) => {
  await signInAs(page, uniqueEmail("phone-reset"));
  await page.goto("/account/items/phone");
  await expect(page.getByText("You type in the 6-digit code we send to it by SMS.")).toBeVisible();
  await expect(page.getByText(/You typed/)).toHaveCount(0);

  const number = `+442079460${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  await page.getByLabel("Mobile number").fill(number);
  await page.getByRole("button", { name: "Send code" }).click();
  const code = page.getByLabel(`Code sent to ${number}`);
  await expect(code).toBeVisible();
  // The real code is in the mailbox; these six digits are wrong unless it happens to be 000000, then 111111 is.
  const sms = await fetch(`${process.env.E2E_BASE_URL}/dev/mailbox/messages`).then((r) => r.json() as Promise<{ messages: { to: string; text: string }[] }>);
  const sent = /code is (\d{6})/.exec(sms.messages.find((m) => m.to.includes(number.slice(1)))?.text ?? "")?.[1];
  const wrong = sent === "000000" ? "111111" : "000000";
  for (let attempt = 0; attempt < 6; attempt++) {
    await code.fill(wrong);
    await page.getByRole("button", { name: "Verify number" }).click();
    await expect(page.getByRole("button", { name: "Verify number" })).toBeEnabled();
  }
  await expect(page.getByText("Too many wrong codes. Ask for a new one.")).toBeVisible();
  await screenshots(page, "phone-too-many");

  await page.getByRole("button", { name: "Send a new code" }).click();
  await expect(page.getByText(`We sent a 6-digit code to ${number}`)).toBeVisible();
  await expect(page.getByText("Too many wrong codes")).toHaveCount(0);
  await expect(page.getByLabel(`Code sent to ${number}`)).toHaveValue("");
  await expect(page.getByLabel(`Code sent to ${number}`)).not.toHaveAttribute("aria-invalid", "true");
  await screenshots(page, "phone-new-code");
});

test("the error summary sits above the fields, takes focus and links to each field", async ({ page }) => {
  await signInAs(page, uniqueEmail("summary"));
  await page.goto("/account/items/address");
  await page.getByLabel("City").fill("Leeds");
  await page.getByRole("button", { name: "Submit for review" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Please correct the fields marked below" });
  await expect(summary).toBeVisible();
  await expect(summary.locator("..")).toBeFocused();
  const summaryBox = (await summary.boundingBox())!;
  const firstField = (await page.getByLabel("Street and house number").boundingBox())!;
  expect(summaryBox.y + summaryBox.height).toBeLessThanOrEqual(firstField.y);
  const street = page.getByLabel("Street and house number");
  const message = (await page.locator("#street-error").textContent())!;
  await summary.getByRole("link", { name: message }).click();
  await expect(street).toBeFocused();
  await expect(page.getByLabel("City")).toHaveValue("Leeds");
  await screenshots(page, "address-summary");

  // The document form too, and a second try with the same mistakes brings focus back to it.
  await page.goto("/account/items/passport");
  await page.getByRole("button", { name: "Upload for review" }).click();
  const documentSummary = page.getByRole("alert").filter({ hasText: "Please correct the fields marked below" });
  await expect(documentSummary.locator("..")).toBeFocused();
  expect((await documentSummary.boundingBox())!.y).toBeLessThan((await page.getByLabel("Document number").boundingBox())!.y);
  await documentSummary.getByRole("link").first().click();
  await expect(documentSummary.locator("..")).not.toBeFocused();
  await page.getByRole("button", { name: "Upload for review" }).click();
  await expect(documentSummary.locator("..")).toBeFocused();
  await screenshots(page, "passport-summary");
});

test("check-email names the address and sends the same sign-in again", async ({ page }) => {
  const email = uniqueEmail("resend");
  await page.goto("/signin?callbackUrl=%2Faccount%2Fpartners");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(sentNotice(page)).toContainText(`We sent a sign-in link to ${email}.`);
  await expect.poll(() => messagesTo(email)).toBe(1);
  await screenshots(page, "check-email");

  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(sentNotice(page)).toContainText(`We sent a new sign-in link to ${email}.`);
  await expect.poll(() => messagesTo(email)).toBe(2);
  // The new link returns where the first would have.
  await page.goto(await latestLinkFor(email));
  await expect(page).toHaveURL(/\/account\/partners$/);
});

test("check-email shows no address it cannot vouch for as one", async ({ page }) => {
  await page.goto(`/signin/check-email?${new URLSearchParams({ email: "<b>not an address</b>" })}`);
  await expect(sentNotice(page)).toHaveText(/^We sent you a sign-in link\./);
  await expect(page.getByRole("button", { name: "Send the link again" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Use another email address" })).toHaveAttribute("href", "/signin?callbackUrl=%2Faccount");
});
