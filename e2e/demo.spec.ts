import { expect, test, type Page } from "@playwright/test";

/** /demo in Chromium: the gateway calls Attest over signed HTTP and says what it checked. */
async function pickPerson(page: Page, name: string) {
  await page.getByRole("button", { name: new RegExp(`^${name} `) }).click();
}

test("checks alice's status and fetches her data with both signatures verified", async ({ page }) => {
  await page.goto("/demo");
  await expect(page.getByRole("heading", { name: "Demo gateway" })).toBeVisible();
  await pickPerson(page, "Alice");
  await page.getByRole("button", { name: "Check status" }).click();

  const status = page.getByTestId("call-result").first();
  await expect(status).toHaveAttribute("data-kind", "validate");
  await expect(status.getByTestId("response-status")).toHaveText("HTTP 200");
  await expect(status.getByTestId("response-signature")).toHaveAttribute("data-ok", "true");
  await expect(status.getByText("Response signature verified")).toBeVisible();
  await expect(status.getByTestId("kyc-complete")).toContainText("yes");
  await expect(status.getByTestId("status-passport").locator("[data-status]")).toHaveAttribute("data-status", "verified");

  await page.getByRole("button", { name: "Fetch data" }).click();
  const data = page.getByTestId("call-result").first();
  await expect(data).toHaveAttribute("data-kind", "data");
  await expect(data.getByText("Data signature verified (provider key from /metadata.json)")).toBeVisible();
  await expect(data.getByTestId("data-email")).toContainText("alice@example.com");
  const passport = data.getByTestId("data-passport").getByRole("img");
  await expect(passport).toBeVisible();
  // The signed document link loads in the browser: the image has real pixels.
  await expect.poll(() => passport.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "/tmp/ocn-demo-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/ocn-demo-phone.png", fullPage: true });
});

test("carol's selfie is refused to the gateway, item by item", async ({ page }) => {
  await page.goto("/demo");
  await pickPerson(page, "Carol");
  await page.getByRole("button", { name: "Fetch data" }).click();
  const result = page.getByTestId("call-result").first();
  await expect(result.getByTestId("response-status")).toHaveText("HTTP 403");
  await expect(result.getByTestId("call-error")).toContainText("GRANT_NOT_AUTHORIZED");
  await expect(result.getByTestId("call-error").locator("[data-status]")).toHaveAttribute("data-status", "restricted");
  await expect(result.getByText("Response signature verified")).toBeVisible();
  await page.screenshot({ path: "/tmp/ocn-demo-carol.png" });
});

test("refuses a malformed OCID in the browser before calling anyone", async ({ page }) => {
  await page.goto("/demo");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel("User OCID").fill("abc");
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByText("Enter the person's OCID")).toBeVisible();
  await expect(page.getByTestId("call-result")).toHaveCount(0);
  await page.screenshot({ path: "/tmp/ocn-demo-invalid-phone.png", fullPage: true });
});

test("asks for consent with a fresh state and checks it on the way back", async ({ page }) => {
  await page.goto("/demo");
  await pickPerson(page, "Bob");
  await page.getByRole("button", { name: "None" }).click();
  await page.getByLabel("Passport").check();
  await page.getByLabel("Full name").check();
  await page.getByRole("button", { name: "Ask for consent" }).click();
  await page.waitForURL(/\/kyc\/grant\/300\?/);
  const consent = new URL(page.url());
  expect(consent.searchParams.get("grants")).toBe("name,passport");
  expect(consent.searchParams.get("user_ocid")).toBe("12346");
  expect(consent.searchParams.get("callback_url")).toMatch(/\/demo\/callback$/);
  const state = consent.searchParams.get("state")!;
  expect(state).toMatch(/^[\w-]{22}$/);

  // What the consent page sends back after a partial decision (SPEC §5).
  await page.goto(`/demo/callback?status=partial&grants=name&denied=passport&user_ocid=12346&state=${state}`);
  await expect(page.getByTestId("consent-outcome")).toContainText("Some items were shared, others denied");
  await expect(page.getByTestId("state-check")).toHaveAttribute("data-ok", "true");
  await expect(page.getByLabel("User OCID")).toHaveValue("12346");
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByTestId("call-result").first().getByTestId("response-signature")).toHaveAttribute("data-ok", "true");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/ocn-callback-phone.png", fullPage: true });

  await page.goto(`/demo/callback?status=granted&grants=name&user_ocid=12346&state=forged`);
  await expect(page.getByTestId("state-check")).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("state-check")).toContainText("does NOT match");
});
