import { expect, test } from "@playwright/test";

import { passportPhoto, selfiePhoto, testPerson } from "../lib/checks/test-set";
import { mrzCountryToAlpha2 } from "../lib/items/countries";
import { signInAs, uniqueEmail } from "./support/session";

/**
 * The automated checks in the browser. Needs a server started with CHECKS=on (off by default outside
 * production): `CHECKS=on E2E_PORT=… npx playwright test e2e/checks.spec.ts`.
 */
test.skip(process.env.CHECKS !== "on", "needs CHECKS=on");

test("the passport form fills itself in from the photo page's MRZ, and the person confirms", async ({ page }) => {
  test.setTimeout(180_000);
  const p = testPerson(12);
  await signInAs(page, uniqueEmail("prefill"), "/account/items/name");
  await page.getByLabel("First name(s)").fill(p.first);
  await page.getByLabel("Last name").fill(p.last);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
  await page.goto("/account/items/passport");
  await page.getByLabel("Photo page", { exact: true }).setInputFiles({ name: "passport.jpg", mimeType: "image/jpeg", buffer: await passportPhoto(p) });
  await page.getByRole("button", { name: "Fill in from the photo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Filled in from the photo" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByLabel("Document number")).toHaveValue(p.number);
  await expect(page.getByLabel("Issuing country")).toHaveValue(mrzCountryToAlpha2(p.nationality)!);
  await expect(page.getByLabel("Expiry date")).toHaveValue(p.expiresAt);
  await expect(page.getByRole("textbox", { name: "Machine-readable zone" })).toHaveValue(p.mrz.join("\n"));
  // The zone read off the photo fills the form as a typed one does, with the same hints.
  await expect(page.getByTestId("mrz-read")).toBeVisible();
  await expect(page.getByLabel("Document number")).toHaveAccessibleDescription("Filled in from the MRZ: check it.");
  await page.screenshot({ path: "test-results/checks-prefill.png", fullPage: true });
  await page.getByLabel("Issue date").fill("2022-03-01");
  await page.getByRole("button", { name: "Upload for review" }).click();
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
  await expect(page.getByTestId("item-passport").locator("[data-state]")).toHaveAttribute("data-state", "pending");
});

test("the case page shows both face crops and the scores against the admins' thresholds", async ({ page }) => {
  test.setTimeout(240_000);
  const p = testPerson(14);
  await signInAs(page, uniqueEmail("checked"), "/account/items/name");
  await page.getByLabel("First name(s)").fill(p.first);
  await page.getByLabel("Last name").fill(p.last);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
  await page.goto("/account/items/passport");
  await page.getByLabel("Document number").fill(p.number);
  await page.getByLabel("Issuing country").selectOption(mrzCountryToAlpha2(p.nationality)!);
  await page.getByLabel("Issue date").fill("2022-03-01");
  await page.getByLabel("Expiry date").fill(p.expiresAt);
  await page.getByLabel("Photo page", { exact: true }).setInputFiles({ name: "passport.jpg", mimeType: "image/jpeg", buffer: await passportPhoto(p) });
  await page.getByLabel("Machine-readable zone").fill(p.mrz.join("\n"));
  await page.getByRole("button", { name: "Upload for review" }).click();
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
  await page.goto("/account/items/liveness");
  await page.getByLabel("Or upload a photo of yourself").setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: await selfiePhoto(p) });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);

  await signInAs(page, "admin@example.com", "/admin/checks");
  await expect(page.getByRole("heading", { name: "Automated checks" })).toBeVisible();
  await expect(page.getByLabel("Face match")).toHaveValue(/^0\.\d+$/);
  await page.screenshot({ path: "test-results/checks-policy.png", fullPage: true });

  await page.goto("/admin");
  const userId = await page.getByTestId("queue-case").filter({ hasText: `${p.first} ${p.last}` }).getAttribute("data-user-id");
  // The checks run in the background: the case page shows them once both are done.
  await expect(async () => {
    await page.goto(`/admin/cases/${userId}?item=liveness`);
    await expect(page.getByTestId("checks-liveness").getByRole("img", { name: "Document photo" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 180_000, intervals: [3_000] });
  const checks = page.getByTestId("checks-liveness");
  await expect(checks.getByRole("img", { name: "Selfie" })).toBeVisible();
  await expect(checks.getByText("Face match")).toBeVisible();
  await expect(checks.getByText(/needs 0\.\d+/).first()).toBeVisible();
  await checks.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/checks-case.png", fullPage: true });

  // The queue row says what the checks found, which ranks the case among those of its SLA tier.
  await page.goto("/admin");
  const row = page.getByTestId("queue-case").filter({ hasText: `${p.first} ${p.last}` });
  await expect(row.getByTestId("checks-concerns")).toHaveText(/^Checks: (\d+ concerns?|no concerns)$/);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/checks-queue.png" });
});
