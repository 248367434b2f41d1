import { expect, test } from "@playwright/test";
import sharp from "sharp";

import { addDays, isoDateOf } from "../lib/items/dates";
import { signInAs, uniqueEmail } from "./support/session";

/** A photo of a card as the phone would send it: a real JPEG, big enough for the quality checks. */
const cardPhoto = () => sharp({ create: { width: 1200, height: 760, channels: 3, background: "#9bb7d4" } }).jpeg().toBuffer();

test("a document step is handed to a phone by a one-time link, and the computer sees it arrive", async ({ page, browser }) => {
  const email = uniqueEmail("handoff");
  await signInAs(page, email, "/account/items/id_card");
  await page.getByRole("button", { name: "Continue on your phone" }).click();
  await expect(page.getByRole("img", { name: "QR code of the link below" })).toBeVisible();
  const link = await page.getByTestId("handoff-link").getAttribute("data-handoff-link");
  expect(link).toMatch(/\/account\/continue\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("handoff-link")).toHaveText(link!);
  await page.screenshot({ path: "test-results/handoff-desktop.png", fullPage: true });

  // The phone: no session of its own; the link signs it in as the same person, on that item.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phonePage = await phone.newPage();
  await phonePage.goto(link!);
  await expect(phonePage.getByRole("heading", { name: "Continue on this device" })).toBeVisible();
  await phonePage.getByRole("button", { name: "Continue on this device" }).click();
  await expect(phonePage).toHaveURL(/\/account\/items\/id_card$/);
  await expect(phonePage.getByText(email)).toBeVisible();
  await phonePage.getByLabel("Document number").fill("ID1234567");
  await phonePage.getByLabel("Issuing country").selectOption("DE");
  await phonePage.getByLabel("Issue date").fill("2022-01-10");
  await phonePage.getByLabel("Expiry date").fill(addDays(isoDateOf(), 900));
  await phonePage.getByLabel("Front", { exact: true }).setInputFiles({ name: "card.jpg", mimeType: "image/jpeg", buffer: await cardPhoto() });
  await phonePage.screenshot({ path: "test-results/handoff-phone.png", fullPage: true });
  await phonePage.getByRole("button", { name: "Upload for review" }).click();
  await expect(phonePage).toHaveURL(/\/account(\?submitted=\w+)?$/);
  await expect(phonePage.getByTestId("item-id_card").locator("[data-state]")).toHaveAttribute("data-state", "pending");
  await phone.close();

  // The computer notices by itself.
  await expect(page.getByRole("status").filter({ hasText: "Received from your other device" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 }).locator("..").locator("[data-state]")).toHaveAttribute("data-state", "pending");
  await page.screenshot({ path: "test-results/handoff-received.png", fullPage: true });

  // The link worked once: anyone opening it again is refused and signed in as nobody.
  const third = await browser.newContext();
  const thirdPage = await third.newPage();
  await thirdPage.goto(link!);
  await expect(thirdPage.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await expect(thirdPage.getByRole("button", { name: "Continue on this device" })).toHaveCount(0);
  await expect(thirdPage.getByText(email)).toHaveCount(0);
  await third.close();
});

test("the page a link lands on only reads it: fetching it (a link preview) does not spend it", async ({ page, request }) => {
  await signInAs(page, uniqueEmail("preview"), "/account/items/passport");
  await page.getByRole("button", { name: "Continue on your phone" }).click();
  const link = (await page.getByTestId("handoff-link").getAttribute("data-handoff-link"))!;
  expect((await request.get(link)).status()).toBe(200);
  const refused = await request.get(link.replace(/[A-Za-z0-9_-]{43}$/, "A".repeat(43)));
  expect(await refused.text()).toContain("This link no longer works");
  const phone = await page.context().browser()!.newContext();
  const phonePage = await phone.newPage();
  await phonePage.goto(link);
  await phonePage.getByRole("button", { name: "Continue on this device" }).click();
  await expect(phonePage).toHaveURL(/\/account\/items\/passport$/);
  await phone.close();
});
