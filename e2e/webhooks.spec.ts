import { expect, test } from "@playwright/test";

import { signInAs } from "./support/session";

/**
 * Webhooks in Chromium: /demo registers its own endpoint, an admin sends it a test event from
 * the console, the delivery log shows it delivered, and /demo shows it received with its OCN
 * signature checked. Creating an API-account endpoint shows its secret once.
 */
test("a test event goes from the console to the demo gateway, signed and logged", async ({ page }) => {
  await page.goto("/demo");
  const panel = page.getByTestId("webhook-panel");
  await expect(panel.getByRole("heading", { name: "Webhooks received" })).toBeVisible();

  await signInAs(page, "admin@example.com", "/admin/webhooks");
  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();
  await page.getByRole("link", { name: /\/demo\/webhooks$/ }).first().click();
  await expect(page.getByText("Partner 300, signed with the provider's OCN key")).toBeVisible();

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Test event queued" })).toBeVisible();
  // The worker polls every 2 s: reload until the log shows the delivery.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("delivery-row").filter({ hasText: "webhook.test" }).first()).toContainText("Delivered");
  }).toPass({ timeout: 30_000 });
  const row = page.getByTestId("delivery-row").filter({ hasText: "webhook.test" }).first();
  await expect(row).toContainText("200");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "/tmp/webhooks-endpoint.png", fullPage: true });

  await page.goto("/demo");
  const received = page.getByTestId("webhook-event").filter({ hasText: "webhook.test" }).first();
  await expect(received).toBeVisible({ timeout: 15_000 });
  await expect(received.getByTestId("webhook-signature")).toHaveAttribute("data-ok", "true");
  await expect(received.getByText("Signature verified")).toBeVisible();
  await received.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "/tmp/webhooks-demo.png", fullPage: true });

  // Each call offers its exact signed request as curl and as JavaScript.
  await page.getByRole("button", { name: /^Alice / }).click();
  await page.getByRole("button", { name: "Check status" }).click();
  const call = page.getByTestId("call-result").first();
  await expect(call.getByRole("button", { name: "Copy as curl" })).toBeVisible();
  await expect(call.getByRole("button", { name: "Copy as JavaScript" })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/webhooks-demo-phone.png", fullPage: true });
});

test("an API account's endpoint shows its signing secret once, and refuses a non-https URL", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/admin/webhooks");
  await page.goto("/admin/webhooks");
  await page.getByLabel("An API account").check();
  await page.getByLabel("URL").fill("ftp://example.com/hooks");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByText("Use an https URL")).toBeVisible();

  await page.getByLabel("URL").fill("https://bank.example/attest/webhooks");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByTestId("one-time-secret")).toHaveValue(/^whsec_/);
  await page.screenshot({ path: "/tmp/webhooks-new-endpoint.png", fullPage: true });
  await page.reload();
  await expect(page.getByTestId("one-time-secret")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "https://bank.example/attest/webhooks" })).toBeVisible();
});

test("a partner's page lists its endpoints and adds one with the partner already chosen", async ({ page }) => {
  // Visiting /demo registers the demo gateway's own receiver for partner 300.
  await page.goto("/demo");
  await signInAs(page, "admin@example.com", "/admin/partners/300");
  await page.goto("/admin/partners/300");
  const endpoints = page.getByTestId("owner-endpoints");
  await expect(endpoints.getByRole("heading", { name: "Webhook endpoints" })).toBeVisible();
  await expect(endpoints.getByRole("link", { name: /\/demo\/webhooks$/ }).first()).toBeVisible();
  await endpoints.getByRole("link", { name: "Add an endpoint" }).click();
  await expect(page).toHaveURL(/\/admin\/webhooks\?owner=partner:300$/);
  await expect(page.getByLabel("A partner (OCN)")).toBeChecked();
  await expect(page.getByLabel("Partner", { exact: true })).toHaveValue("300");
});
