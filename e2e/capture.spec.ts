import { expect, test } from "@playwright/test";
import sharp from "sharp";

import { DOCUMENT_SHAPES } from "../lib/documents/capture-frame";
import { QUALITY_LIMITS } from "../lib/checks/quality";
import { addDays, isoDateOf } from "../lib/items/dates";
import { CHROMIUM_ARGS } from "../scripts/server-command";
import { signInAs, uniqueEmail } from "./support/session";

// The fake camera (a generated test pattern) and an automatic "allow" for the permission prompt.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
  },
});

test("an ID card photographed through the card-shaped frame is uploaded as the form's front image", async ({ page }) => {
  await signInAs(page, uniqueEmail("capture"), "/account/items/id_card");
  await page.getByLabel("Document number").fill("ID7654321");
  await page.getByLabel("Issuing country").selectOption("FR");
  await page.getByLabel("Issue date").fill("2022-01-10");
  await page.getByLabel("Expiry date").fill(addDays(isoDateOf(), 900));

  // Keyboard only: the camera button is reached and pressed like any other.
  await page.getByTestId("capture-front").getByRole("button", { name: "Use the camera" }).focus();
  await page.keyboard.press("Enter");
  const preview = page.getByTestId("capture-front").getByLabel("Camera preview");
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  const frame = page.getByTestId("capture-frame");
  await expect(frame).toBeVisible();
  const box = (await frame.boundingBox())!;
  expect(box.width / box.height).toBeCloseTo(DOCUMENT_SHAPES.id_card, 1);
  await page.screenshot({ path: "test-results/capture-preview.png", fullPage: true });

  await page.getByRole("button", { name: "Take the picture" }).click();
  await expect(page.getByRole("img", { name: "Front, photographed: ready to upload" })).toBeVisible();
  await expect(page.getByTestId("capture-front").getByRole("button", { name: "Retake" })).toBeVisible();
  // The picture is in the form's own file input, which is what the form submits.
  expect(await page.getByLabel("Front", { exact: true }).evaluate((input: HTMLInputElement) => input.files?.[0]?.type)).toBe("image/jpeg");
  await page.screenshot({ path: "test-results/capture-taken.png", fullPage: true });

  await page.getByRole("button", { name: "Upload for review" }).click();
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
  await expect(page.getByTestId("item-id_card").locator("[data-state]")).toHaveAttribute("data-state", "pending");

  // The stored image is the frame's contents, at a size the quality checks accept.
  await page.goto("/account/items/id_card");
  const src = await page.getByRole("img", { name: "Front" }).getAttribute("src");
  const response = await page.request.get(src!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/jpeg");
  const { width = 0, height = 0 } = await sharp(await response.body()).metadata();
  expect(width / height).toBeCloseTo(DOCUMENT_SHAPES.id_card, 1);
  expect(Math.min(width, height)).toBeGreaterThanOrEqual(QUALITY_LIMITS.document.minShort);
});

test("without a camera the person is told so and the file input stays the way in", async ({ page, context }) => {
  // A browser with no camera at all (no mediaDevices API), as over plain HTTP on another host.
  await context.addInitScript(() => Object.defineProperty(navigator, "mediaDevices", { value: undefined }));
  await signInAs(page, uniqueEmail("nocamera"), "/account/items/proof_of_address");
  await page.getByTestId("capture-page").getByRole("button", { name: "Use the camera" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "cannot use a camera" })).toBeVisible();
  await expect(page.getByLabel("The document", { exact: true })).toBeEnabled();
});
