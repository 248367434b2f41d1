import { expect, test } from "@playwright/test";

import { passportPhoto, testPerson } from "../lib/checks/test-set";
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
  await signInAs(page, uniqueEmail("prefill"), "/account/items/passport");
  await page.getByLabel("Photo page").setInputFiles({ name: "passport.jpg", mimeType: "image/jpeg", buffer: await passportPhoto(p) });
  await page.getByRole("button", { name: "Fill in from the photo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Filled in from the photo" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByLabel("Document number")).toHaveValue(p.number);
  await expect(page.getByLabel("Issuing country")).toHaveValue(mrzCountryToAlpha2(p.nationality)!);
  await expect(page.getByLabel("Expiry date")).toHaveValue(p.expiresAt);
  await expect(page.getByLabel("Machine-readable zone")).toHaveValue(p.mrz.join("\n"));
  await page.screenshot({ path: "test-results/checks-prefill.png", fullPage: true });
  await page.getByLabel("Issue date").fill("2022-03-01");
  await page.getByRole("button", { name: "Upload for review" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("item-passport").locator("[data-state]")).toHaveAttribute("data-state", "pending");
});
