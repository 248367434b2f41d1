import { mkdirSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { verifyReceipt } from "../lib/consent/verify-receipt";
import { renderPassportImage, renderProofOfAddressImage, renderSelfieImage } from "../lib/specimens/document-images";
import { addDays, isoDateOf } from "../lib/items/dates";
import { buildPassportMrz } from "../lib/documents/mrz";
import { latestMessageTo } from "./support/mailbox";
import { asPartner300 } from "./support/partner";
import { approveAll } from "./support/review";
import { signInAs, uniqueEmail } from "./support/session";

/**
 * The person's way through Attest as a whole: guided from nothing to verified, the
 * passport filled from its MRZ, and the consent page on a phone.
 */
const SHOTS = process.env.E2E_SHOTS_DIR ?? "/tmp/journey-shots";

async function phoneShot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
}

const nextStep = (page: Page) => page.getByTestId("journey-next");

/** Follows the account page's own "next" button, as a person would. */
async function followNext(page: Page, expected: string, item: string) {
  await page.goto("/account");
  await expect(nextStep(page)).toHaveText(expected);
  await page.getByTestId("journey").getByRole("link", { name: "Start" }).click();
  await expect(page).toHaveURL(new RegExp(`/account/items/${item}$`));
}

async function submitAndConfirm(page: Page, button: string, item: string) {
  await page.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(new RegExp(`/account\\?submitted=${item}$`));
  await expect(page.getByTestId("submission-notice")).toBeVisible();
}

function passportFor(person: { first: string; last: string; birth: string }) {
  const expires = addDays(isoDateOf(), 3000);
  const mrz = buildPassportMrz({ documentNumber: "K7Q2R9W41", issuingCountry: "GB", lastName: person.last, firstName: person.first, birthDate: person.birth, expirationDate: expires, sex: "F" });
  return { mrz, expires };
}

test.use({ viewport: { width: 390, height: 844 } });

test("a new person is led step by step from nothing to fully verified", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const person = { first: "Inès", last: "Varga", birth: "1991-07-23" };
  await signInAs(page, uniqueEmail("guided"));
  await expect(nextStep(page)).toHaveText("Next: tell us about yourself");
  await expect(page.getByTestId("journey-progress")).toHaveText("0 of 5 steps verified");
  await phoneShot(page, "guided-start");
  const ocid = Number(await page.getByTestId("user-ocid").textContent());

  await followNext(page, "Next: tell us about yourself", "name");
  await page.getByLabel("First name(s)").fill(person.first);
  await page.getByLabel("Last name").fill(person.last);
  await submitAndConfirm(page, "Submit for review", "name");
  await expect(page.getByTestId("submission-notice")).toContainText("usually within 24 hours");
  await phoneShot(page, "guided-confirmation");

  await followNext(page, "Next: tell us about yourself", "date_of_birth");
  await page.getByLabel("Date of birth").fill(person.birth);
  await submitAndConfirm(page, "Submit for review", "date_of_birth");
  await followNext(page, "Next: tell us about yourself", "nationality");
  await page.getByLabel("Nationality").selectOption("GB");
  await submitAndConfirm(page, "Submit for review", "nationality");
  await followNext(page, "Next: tell us about yourself", "address");
  await page.getByLabel("Street and house number").fill("4 Canal Wharf");
  await page.getByLabel("City").fill("Leeds");
  await page.getByLabel("Postal code").fill("LS11 5PS");
  await page.getByLabel("Country").selectOption("GB");
  await submitAndConfirm(page, "Submit for review", "address");
  await expect(page.getByTestId("step-about_you")).toHaveAttribute("data-status", "waiting");

  await followNext(page, "Next: verify your phone number", "phone");
  const number = `+442079461${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  await page.getByLabel("Mobile number").fill(number);
  await page.getByRole("button", { name: "Send code" }).click();
  const code = /code is (\d{6})/.exec(await latestMessageTo(`sms${number}@sms.attest.invalid`))?.[1];
  await page.getByLabel(`Code sent to ${number}`).fill(code!);
  await submitAndConfirm(page, "Verify number", "phone");
  await expect(page.getByTestId("submission-notice")).toContainText("verified already");

  await followNext(page, "Next: upload an identity document", "passport");
  const { mrz, expires } = passportFor(person);
  await page.getByRole("textbox", { name: "Machine-readable zone" }).fill(mrz);
  await page.getByLabel("Issue date").fill("2023-02-01");
  const image = await renderPassportImage({ lastName: person.last, firstNames: person.first, nationality: "GBR", birthDate: person.birth, sex: "F", number: "K7Q2R9W41", issuedAt: "2023-02-01", expiresAt: expires, mrz: mrz.split("\n") as [string, string], seed: 7 });
  await page.getByLabel("Photo page").setInputFiles({ name: "passport.png", mimeType: "image/png", buffer: image });
  await submitAndConfirm(page, "Upload for review", "passport");

  await followNext(page, "Next: upload a proof of address", "proof_of_address");
  const issued = addDays(isoDateOf(), -10);
  await page.getByLabel("Kind of document").selectOption("utility_bill");
  await page.getByLabel("Date on the document").fill(issued);
  const letter = await renderProofOfAddressImage({ kind: "utility_bill", issuer: "Northern Water", fullName: `${person.first} ${person.last}`, addressLines: ["4 Canal Wharf", "Leeds LS11 5PS"], issuedAt: issued, seed: 7 });
  await page.getByLabel("The document", { exact: true }).setInputFiles({ name: "bill.png", mimeType: "image/png", buffer: letter });
  await submitAndConfirm(page, "Upload for review", "proof_of_address");

  await followNext(page, "Next: take a selfie", "liveness");
  await page.getByLabel("Or upload a photo of yourself").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await renderSelfieImage({ seed: 7 }) });
  await submitAndConfirm(page, "Upload photo", "liveness");
  await expect(nextStep(page)).toContainText("Everything is provided. A reviewer decides within about 24 hours");
  await expect(page.getByTestId("summary")).not.toContainText("not provided");

  // The documents first: the name, date of birth and address are approved against them.
  await approveAll(browser, ocid, ["passport", "proof_of_address", "liveness", "name", "date_of_birth", "nationality", "address"]);

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "You are fully verified" })).toBeVisible();
  await expect(page.getByTestId("journey-progress")).toHaveText("5 of 5 steps verified");
  await expect(page.getByTestId("summary")).toHaveText("10 of 12 verified · 0 waiting for review");
  await phoneShot(page, "guided-finished");
});

test("the MRZ fills the passport form, and a first name that differs from it is reported", async ({ page }) => {
  await signInAs(page, uniqueEmail("mrz"));
  await page.goto("/account/items/name");
  await page.getByLabel("First name(s)").fill("Nora");
  await page.getByLabel("Last name").fill("Lindqvist");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/account\?submitted=name$/);

  await page.goto("/account/items/passport");
  const { mrz, expires } = passportFor({ first: "Peter", last: "Lindqvist", birth: "1980-01-15" });
  await page.getByRole("textbox", { name: "Machine-readable zone" }).fill(mrz);
  const read = page.getByTestId("mrz-read");
  await expect(read).toContainText("PETER LINDQVIST");
  await expect(read).toContainText("Jan 15, 1980");
  await expect(read).toContainText("Female");
  await expect(page.getByLabel("Document number")).toHaveValue("K7Q2R9W41");
  await expect(page.getByLabel("Issuing country")).toHaveValue("GB");
  await expect(page.getByLabel("Expiry date")).toHaveValue(expires);
  await phoneShot(page, "mrz-filled");

  await page.getByLabel("Issue date").fill("2023-02-01");
  await page.getByLabel("Photo page").setInputFiles({ name: "passport.png", mimeType: "image/png", buffer: await renderSelfieImage({ seed: 3 }) });
  await page.getByRole("button", { name: "Upload for review" }).click();
  await expect(page.locator("#mrz-error")).toContainText("The first name (Nora) does not match the MRZ (PETER)");

  // A broken MRZ says what is wrong when asked to fill in from it.
  await page.getByRole("textbox", { name: "Machine-readable zone" }).fill("P<GBRLINDQVIST<<PETER");
  await page.getByRole("button", { name: "Fill in from the MRZ" }).click();
  await expect(page.locator("#mrz-error")).toContainText("Enter the two lines");
});

function grantPath(baseURL: string, userOcid: number, grants: string): string {
  const query = new URLSearchParams({ grants, user_ocid: String(userOcid), callback_url: new URL("/demo/callback?from=journey", baseURL).toString(), state: "journey" });
  return `/kyc/grant/300?${query}`;
}

const ALL_ITEMS = "name,email,phone,date_of_birth,nationality,address,id_card,passport,driver_license,proof_of_address,liveness,aml";

test("the consent page on a phone: the decision stays on screen, nothing selected asks first, a missing item is provided and comes back", async ({ page, browser, baseURL }) => {
  const email = uniqueEmail("consent-phone");
  await signInAs(page, email);
  const ocid = Number(await page.getByTestId("user-ocid").textContent());
  const request = grantPath(baseURL!, ocid, ALL_ITEMS);

  // Signed out, the sign-in screen says who asks and for what.
  const signedOut = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const fresh = await signedOut.newPage();
    await fresh.goto(request);
    await expect(fresh.getByRole("heading", { name: "Sign in to answer Demo Gateway" })).toBeVisible();
    await expect(fresh.getByTestId("signin-consent")).toContainText("Passport");
    await phoneShot(fresh, "consent-signin");
  } finally {
    await signedOut.close();
  }

  await page.goto(request);
  for (const name of ["Share selected", "Deny all"]) {
    const box = (await page.getByRole("button", { name, exact: true }).boundingBox())!;
    expect(box.y + box.height, `${name} is on screen`).toBeLessThanOrEqual(844);
  }
  await page.screenshot({ path: `${SHOTS}/consent-viewport-390.png` });
  await phoneShot(page, "consent");

  // The purpose staff recorded for the demo gateway's name request.
  await expect(page.getByTestId("consent-row-name").getByTestId("consent-purpose")).toHaveText("Why Demo Gateway asks: To address you by name in the demo.");
  await expect(page.getByTestId("consent-row-phone").getByTestId("consent-purpose")).toHaveCount(0);

  await page.getByRole("button", { name: "Share selected" }).click();
  const confirm = page.getByTestId("confirm-deny");
  await expect(confirm).toBeFocused();
  await expect(confirm).toContainText("Sharing nothing denies Demo Gateway's whole request");
  await page.getByRole("button", { name: "Go back and choose" }).click();
  await expect(confirm).toHaveCount(0);

  await page.getByTestId("consent-row-date_of_birth").getByRole("link", { name: "Provide it now: Date of birth" }).click();
  await expect(page).toHaveURL(/\/account\/items\/date_of_birth\?return=/);
  await expect(page.getByTestId("back-to-request")).toBeVisible();
  await page.getByLabel("Date of birth").fill("1987-11-02");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/kyc/grant/300" && url.searchParams.get("state") === "journey");
  await expect(page.getByTestId("consent-row-date_of_birth").locator("[data-state]")).toHaveAttribute("data-state", "pending");

  // Nothing selected, confirmed: the request is denied.
  await page.getByRole("button", { name: "Share selected" }).click();
  await page.getByRole("button", { name: "Yes, deny all" }).click();
  await page.waitForURL((url) => url.pathname === "/demo/callback");
  expect(new URL(page.url()).searchParams.get("status")).toBe("denied");
});

test("an outside return path is never followed after providing an item", async ({ page }) => {
  await signInAs(page, uniqueEmail("return-path"));
  await page.goto(`/account/items/nationality?${new URLSearchParams({ return: "https://evil.example/kyc/grant/300" })}`);
  await expect(page.getByTestId("back-to-request")).toHaveCount(0);
  await page.getByLabel("Nationality").selectOption("FR");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/account\?submitted=nationality$/);
});

test("connected partners: each data read is listed, a revocation has a signed receipt, a revoked item is shared again", async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, uniqueEmail("partners"));
  const ocid = Number(await page.getByTestId("user-ocid").textContent());
  await page.goto(grantPath(baseURL!, ocid, "email,phone"));
  await page.getByRole("switch", { name: "Email address" }).check();
  await page.getByRole("button", { name: "Share selected" }).click();
  await page.waitForURL((url) => url.pathname === "/demo/callback");

  expect((await asPartner300(page, "/kyc/data", { user_ocid: ocid, grants: ["email"] })).status).toBe(200);
  expect((await asPartner300(page, "/kyc/data", { user_ocid: ocid, grants: ["email"] })).status).toBe(200);
  await page.goto("/account/partners");
  const history = page.getByTestId("access-history-300");
  await history.getByText("Access history (2 reads)").click();
  await expect(history.getByTestId("access-row")).toHaveCount(2);
  await expect(history.getByTestId("access-row").first()).toContainText("Email address");

  await page.getByRole("button", { name: "Revoke Email address from Demo Gateway" }).click();
  await expect(page.getByTestId("grant-300-email").locator("[data-decision]")).toHaveAttribute("data-decision", "revoked");
  await page.reload();
  const revocation = page.getByTestId("receipt").filter({ hasText: "Access taken back" });
  await expect(revocation).toContainText("Revoked: Email address");
  const signed = (await (await page.request.get(await revocation.getByRole("link", { name: "Download JSON" }).getAttribute("href") ?? "")).json()) as Record<string, unknown>;
  expect(signed.revoked).toEqual(["email"]);
  const metadata = (await (await page.request.get("/metadata.json")).json()) as { config: { publicKey: string } };
  expect(verifyReceipt(signed, metadata.config.publicKey)).toBe(true);
  expect((await asPartner300(page, "/kyc/data", { user_ocid: ocid, grants: ["email"] })).status).toBe(403);

  // Shared again, from the same page: the partner reads it at once, and a receipt says so.
  await page.getByRole("button", { name: "Share again: Email address with Demo Gateway" }).click();
  await expect(page.getByTestId("grant-300-email").locator("[data-decision]")).toHaveAttribute("data-decision", "granted");
  await page.getByRole("button", { name: "Share again: Phone number with Demo Gateway" }).click();
  await expect(page.getByTestId("grant-300-phone").locator("[data-decision]")).toHaveAttribute("data-decision", "granted");
  expect((await asPartner300(page, "/kyc/data", { user_ocid: ocid, grants: ["email"] })).status).toBe(200);
  await page.reload();
  await page.getByTestId("access-history-300").getByText("Access history (3 reads)").click();
  await expect(page.getByTestId("receipt").filter({ hasText: "Shared: Email address" })).toHaveCount(2);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/partners-390.png`, fullPage: true });
});
