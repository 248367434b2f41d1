import { expect, test, type Page } from "@playwright/test";

import { renderPassportImage, renderSelfieImage } from "../lib/specimens/document-images";
import { addDays, isoDateOf } from "../lib/items/dates";
import { buildPassportMrz } from "../lib/documents/mrz";
import { CHROMIUM_ARGS } from "../scripts/server-command";
import { latestMessageTo } from "./support/mailbox";
import { signInAs, uniqueEmail } from "./support/session";

// The fake camera (a generated test pattern) and an automatic "allow" for the permission prompt.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      ...CHROMIUM_ARGS,
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ],
  },
});

const state = (page: Page, item: string) => page.getByTestId(`item-${item}`).locator("[data-state]");

async function openItem(page: Page, item: string, label: RegExp) {
  await page.getByTestId(`item-${item}`).getByRole("link", { name: label }).click();
  await expect(page).toHaveURL(new RegExp(`/account/items/${item}$`));
}

async function submitAndReturn(page: Page, button: string) {
  await page.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
}

test("a new person provides and verifies their identity, item by item", async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("identity");
  await signInAs(page, email);
  await expect(page.getByRole("heading", { name: "Your identity" })).toBeVisible();
  await expect(state(page, "email")).toHaveAttribute("data-state", "verified");
  await expect(state(page, "name")).toHaveAttribute("data-state", "missing");

  // Name: the browser checks with the shared schema before anything is sent.
  await openItem(page, "name", /Add/);
  await page.getByLabel("First name(s)").fill("Zoe");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Enter your last name").last()).toBeVisible();
  await page.getByLabel("Last name").fill("Quintero");
  await submitAndReturn(page, "Submit for review");
  await expect(state(page, "name")).toHaveAttribute("data-state", "pending");
  // The name was screened against the demo sanctions sample at once.
  await expect(state(page, "aml")).toHaveAttribute("data-state", "verified");

  await openItem(page, "date_of_birth", /Add/);
  await page.getByLabel("Date of birth").fill("1990-04-12");
  await submitAndReturn(page, "Submit for review");
  await expect(state(page, "date_of_birth")).toHaveAttribute("data-state", "pending");

  await openItem(page, "nationality", /Add/);
  await page.getByLabel("Nationality").selectOption("GB");
  await submitAndReturn(page, "Submit for review");
  await expect(state(page, "nationality")).toHaveAttribute("data-state", "pending");

  await openItem(page, "address", /Add/);
  await page.getByLabel("Street and house number").fill("1 Example Row");
  await page.getByLabel("City").fill("Leeds");
  await page.getByLabel("Postal code").fill("ls1 1aa");
  await page.getByLabel("Country").selectOption("GB");
  await submitAndReturn(page, "Submit for review");
  await expect(state(page, "address")).toHaveAttribute("data-state", "pending");

  // Phone: the development SMS provider writes the code to the mailbox.
  await openItem(page, "phone", /Verify/);
  await page.getByLabel("Mobile number").fill("+44 20 7946 0958");
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByRole("status")).toContainText("We sent a 6-digit code to +442079460958");
  const sms = await latestMessageTo("sms+442079460958@sms.attest.invalid");
  const code = /code is (\d{6})/.exec(sms)?.[1];
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel("Code sent to +442079460958").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify number" }).click();
  await expect(page.getByText("That code is not right. 4 tries left.")).toBeVisible();
  await page.getByLabel("Code sent to +442079460958").fill(code!);
  await submitAndReturn(page, "Verify number");
  await expect(state(page, "phone")).toHaveAttribute("data-state", "verified");

  // Passport: a generated specimen image and its MRZ.
  const expires = addDays(isoDateOf(), 3000);
  const mrz = buildPassportMrz({
    documentNumber: "X12345678",
    issuingCountry: "GB",
    lastName: "Quintero",
    firstName: "Zoe",
    birthDate: "1990-04-12",
    expirationDate: expires,
    sex: "F",
  });
  const image = await renderPassportImage({
    lastName: "Quintero",
    firstNames: "Zoe",
    nationality: "GBR",
    birthDate: "1990-04-12",
    sex: "F",
    number: "X12345678",
    issuedAt: "2022-01-10",
    expiresAt: expires,
    mrz: mrz.split("\n") as [string, string],
    seed: 42,
  });
  await openItem(page, "passport", /Add/);
  // The MRZ first: it fills the number, country and expiry; the number is then changed by hand.
  await page.getByRole("textbox", { name: "Machine-readable zone" }).fill(mrz);
  await expect(page.getByLabel("Expiry date")).toHaveValue(expires);
  await expect(page.getByLabel("Issuing country")).toHaveValue("GB");
  await page.getByLabel("Document number").fill("X1234567"); // one digit short: the MRZ says otherwise
  await page.getByLabel("Issue date").fill("2022-01-10");
  await page.getByLabel("Photo page").setInputFiles({ name: "passport.png", mimeType: "image/png", buffer: image });
  await page.getByRole("button", { name: "Upload for review" }).click();
  await expect(page.getByText(/passport number you typed \(X1234567\) does not match the MRZ/).last()).toBeVisible();
  await page.getByLabel("Document number").fill("X12345678");
  await page.getByLabel("Photo page").setInputFiles({ name: "passport.png", mimeType: "image/png", buffer: image });
  await submitAndReturn(page, "Upload for review");
  await expect(state(page, "passport")).toHaveAttribute("data-state", "pending");

  // The owner sees their upload through the app.
  await openItem(page, "passport", /View or change/);
  const preview = page.getByRole("img", { name: "Front" });
  await expect(preview).toBeVisible();
  const src = await preview.getAttribute("src");
  const response = await page.request.get(src!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(response.headers()["cache-control"]).toBe("private, no-store");
  await page.getByRole("link", { name: "← All items" }).click();

  // Selfie from the fake camera.
  await openItem(page, "liveness", /Take selfie/);
  await page.getByRole("button", { name: "Start camera" }).click();
  await expect(page.getByLabel("Camera preview")).toBeVisible();
  await expect.poll(() => page.getByLabel("Camera preview").evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Take picture" }).click();
  await expect(page.getByRole("img", { name: "Your selfie, ready to send" })).toBeVisible();
  await page.getByRole("button", { name: "Use this picture" }).click();
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
  await expect(state(page, "liveness")).toHaveAttribute("data-state", "pending");

  const expected: Record<string, string> = {
    name: "pending",
    email: "verified",
    phone: "verified",
    date_of_birth: "pending",
    nationality: "pending",
    address: "pending",
    id_card: "missing",
    passport: "pending",
    driver_license: "missing",
    proof_of_address: "missing",
    liveness: "pending",
    aml: "verified",
  };
  for (const [item, s] of Object.entries(expected)) await expect(state(page, item)).toHaveAttribute("data-state", s);
  await expect(page.getByTestId("summary")).toHaveText("3 of 12 verified · 6 waiting for review · 1 not provided");

  // Reloaded after each resize so the full-page capture is laid out and painted at that width.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
  await page.screenshot({ path: "/tmp/kyc-account-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.screenshot({ path: "/tmp/kyc-account-390.png", fullPage: true });
  await page.goto("/account/items/passport");
  await page.screenshot({ path: "/tmp/kyc-passport-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/account/items/address");
  await page.screenshot({ path: "/tmp/kyc-address-1280.png", fullPage: true });

  // Nobody else can open the document: signed out, the session guard answers 401 (another
  // person signed in gets 404, see tests/integration/route-guards.test.ts).
  const stranger = await page.context().browser()!.newContext();
  expect((await stranger.request.get(new URL(src!, page.url()).toString())).status()).toBe(401);
  await stranger.close();
});

test("without a camera, a selfie can be uploaded as a file; a file that is not an image is refused", async ({ page }) => {
  await signInAs(page, uniqueEmail("no-camera"));
  await page.goto("/account/items/liveness");
  const file = page.getByLabel("Or upload a photo of yourself");
  // Named like a photo, but its bytes say otherwise: the type is read from the bytes.
  await file.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: Buffer.from("not a picture at all") });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.getByText("Upload a JPEG or PNG image").last()).toBeVisible();
  await page.goto("/account");
  await expect(state(page, "liveness")).toHaveAttribute("data-state", "missing");

  await page.goto("/account/items/liveness");
  await file.setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await renderSelfieImage({ seed: 7 }) });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page).toHaveURL(/\/account(\?submitted=\w+)?$/);
  await expect(state(page, "liveness")).toHaveAttribute("data-state", "pending");
});

test("deleting the account signs the person out and they are gone", async ({ page }) => {
  const email = uniqueEmail("leaver");
  await signInAs(page, email);
  await openItem(page, "nationality", /Add/);
  await page.getByLabel("Nationality").selectOption("FR");
  await submitAndReturn(page, "Submit for review");
  await page.getByRole("link", { name: "Delete account…" }).click();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Type DELETE in capitals to confirm").last()).toBeVisible();
  await page.getByLabel("Type DELETE to confirm").fill("DELETE");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/\?account=deleted$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);
});

test("the sanctions list page is for admins only", async ({ page }) => {
  await signInAs(page, "reviewer@example.com", "/admin/sanctions");
  await page.goto("/admin/sanctions");
  expect((await page.request.get("/admin/sanctions")).status()).toBe(404);

  await page.context().clearCookies();
  await signInAs(page, "admin@example.com", "/admin/sanctions");
  await page.goto("/admin/sanctions");
  await expect(page.getByRole("heading", { name: "Sanctions list" })).toBeVisible();
  await expect(page.getByTestId("list-version")).not.toBeEmpty();
  await page.getByRole("button", { name: "Re-screen everyone now" }).click();
  await expect(page.getByRole("status")).toContainText(/Screened \d+ people against version/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/kyc-sanctions-390.png", fullPage: true });
});
