import { expect, test, type Page } from "@playwright/test";

import { buildPassportMrz } from "../lib/documents/mrz";
import { addDays, isoDateOf } from "../lib/items/dates";
import { renderPassportImage, renderSelfieImage } from "../lib/specimens/document-images";
import { grantUrl, ownOcid } from "./support/consent";
import { messageTo } from "./support/mailbox";
import { asPartner300 } from "./support/partner";
import { decideAsReviewer } from "./support/review";
import { signInAs, uniqueEmail } from "./support/session";

/**
 * The person's emails as they arrive in the development mailbox: a reviewer's approval and
 * request to resubmit (with the note and a link to the item), a document about to expire, and a
 * partner's read (asked for on /account). Each link is opened in the person's browser and lands
 * where it says. The revoked-credential email is followed in credentials.spec.ts.
 */
async function followLink(page: Page, links: string[], path: string) {
  const link = links.find((candidate) => new URL(candidate).pathname === path);
  expect(link, `a link to ${path}`).toBeTruthy();
  await page.goto(link!);
  await expect(page).toHaveURL((url) => url.pathname === path);
}

test("each notification arrives in the mailbox, and its link opens the place it names", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("notified");
  await signInAs(page, email);
  const ocid = await ownOcid(page);

  // Reads by partners are told only to those who ask for it.
  const partnerReads = page.getByLabel("Partner reads");
  await expect(partnerReads).not.toBeChecked();
  await partnerReads.check();
  await page.getByRole("button", { name: "Save email choices" }).click();
  await expect(page.locator("#notifications").getByRole("status")).toHaveText("Saved.");

  await page.goto("/account/items/name");
  await page.getByLabel("First name(s)").fill("Nora");
  await page.getByLabel("Last name").fill("Lindqvist");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/account\?submitted=name$/);

  // A passport that lapses in 20 days, inside the 30-day warning.
  const expires = addDays(isoDateOf(), 20);
  const mrz = buildPassportMrz({ documentNumber: "K7Q2R9W41", issuingCountry: "GB", lastName: "Lindqvist", firstName: "Nora", birthDate: "1988-03-02", expirationDate: expires, sex: "F" });
  await page.goto("/account/items/passport");
  await page.getByRole("textbox", { name: "Machine-readable zone" }).fill(mrz);
  await page.getByLabel("Issue date").fill("2017-04-01");
  const image = await renderPassportImage({ lastName: "Lindqvist", firstNames: "Nora", nationality: "GBR", birthDate: "1988-03-02", sex: "F", number: "K7Q2R9W41", issuedAt: "2017-04-01", expiresAt: expires, mrz: mrz.split("\n") as [string, string], seed: 11 });
  await page.getByLabel("Photo page").setInputFiles({ name: "passport.png", mimeType: "image/png", buffer: image });
  await page.getByRole("button", { name: "Upload for review" }).click();
  await expect(page).toHaveURL(/\/account\?submitted=passport$/);

  await page.goto("/account/items/liveness");
  await page.getByLabel("Or upload a photo of yourself").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await renderSelfieImage({ seed: 11 }) });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page).toHaveURL(/\/account\?submitted=liveness$/);

  const note = "Please take the selfie again facing the light.";
  await decideAsReviewer(browser, ocid, [
    { item: "passport", decision: "approve" },
    { item: "liveness", decision: "resubmit", note },
  ]);

  const approved = await messageTo(email, /^Passport verified$/);
  expect(approved.text).toContain("Your Passport has been verified.");
  await followLink(page, approved.links, "/account/items/passport");
  await expect(page.getByText("Verified").first()).toBeVisible();

  const expiring = await messageTo(email, /^Your Passport expires soon$/);
  expect(expiring.text).toContain("Provide a current one so your verification continues");
  await followLink(page, expiring.links, "/account/items/passport");

  const resubmit = await messageTo(email, /^Please resubmit your Selfie check$/);
  expect(resubmit.text).toContain(note);
  await followLink(page, resubmit.links, "/account/items/liveness");
  await expect(page.getByText("Action needed").first()).toBeVisible();
  await expect(page.getByText(note)).toBeVisible();

  // Every email says where its choices are changed.
  await followLink(page, resubmit.links, "/account");
  await expect(page.locator("#notifications")).toBeVisible();

  await page.goto(grantUrl(baseURL!, ocid, "email"));
  await page.getByRole("switch", { name: "Email address" }).check();
  await page.getByRole("button", { name: "Share selected" }).click();
  await page.waitForURL((url) => url.pathname === "/demo/callback");
  expect((await asPartner300(page, "/kyc/data", { user_ocid: ocid, grants: ["email"] })).status).toBe(200);
  const read = await messageTo(email, /^Demo Gateway read your data$/);
  expect(read.text).toContain("Email address");
  await followLink(page, read.links, "/account/partners");
  await expect(page.getByTestId("access-history-300")).toBeVisible();
});
