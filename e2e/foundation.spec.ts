import { expect, test } from "@playwright/test";

import { signInAs, uniqueEmail } from "./support/session";

test("a new person signs in through the link in the development mailbox and reaches /account", async ({ page }) => {
  const email = uniqueEmail("newcomer");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  await page.getByRole("link", { name: "development mailbox" }).click();
  const message = page.getByTestId("mail-message").filter({ hasText: email }).first();
  await expect(message).toContainText("Your Attest sign-in link");
  await message.getByTestId("mail-link").first().click();

  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
  await expect(page.getByRole("heading", { name: "Your identity" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  const ocid = Number(await page.getByTestId("user-ocid").textContent());
  expect(ocid).toBeGreaterThan(12347);
  // Signing in through the emailed link is what verifies the address.
  await expect(page.getByTestId("item-email").locator("[data-state]")).toHaveAttribute("data-state", "verified");
});

test("forwarding headers a client makes up change no origin: the sign-in link and the landing page stay PUBLIC_URL's", async ({ page, baseURL }) => {
  const email = uniqueEmail("forged-host");
  await page.setExtraHTTPHeaders({ "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", Forwarded: "host=evil.example;proto=https" });
  await page.goto("/signin?callbackUrl=/account");
  await page.getByLabel("Email address").fill(email);
  // A server action with these headers once failed with a 500 (Next compared Origin with them).
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const { latestLinkFor } = await import("./support/mailbox");
  const link = await latestLinkFor(email);
  expect(new URL(link).origin).toBe(new URL(baseURL!).origin);
  await page.goto(link);
  await expect(page).toHaveURL(`${baseURL}/account`);
});

test("a used sign-in link does not work twice", async ({ page, browser }) => {
  const email = uniqueEmail("once");
  await signInAs(page, email);
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
  const { latestLinkFor } = await import("./support/mailbox");
  const link = await latestLinkFor(email);
  const other = await browser.newPage();
  await other.goto(link);
  await expect(other).toHaveURL(/\/signin\/error\?error=Verification/);
  await other.close();
});

test("the console is refused to people without a staff role, on the server", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);

  await signInAs(page, "alice@example.com");
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Compliance console")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Console" })).toHaveCount(0);
});

test("staff reach the console", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Compliance console" })).toBeVisible();
  await expect(page.getByText("(admin)")).toBeVisible();
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
});

test("the home page says what Attest is and links to its areas", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /Your identity/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Demo gateway/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Compliance console/ })).toBeVisible();
});
