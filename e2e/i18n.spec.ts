import { mkdirSync } from "node:fs";

import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

import { buildPassportMrz } from "../lib/documents/mrz";
import { addDays, isoDateOf } from "../lib/items/dates";
import { renderSelfieImage } from "../lib/specimens/document-images";
import { grantUrl, ownOcid, signInWithDeniedGrant } from "./support/consent";
import { latestMessageTo, messageTo } from "./support/mailbox";
import { signInAs, uniqueEmail } from "./support/session";

/**
 * The person's pages in their language and time zone: German from the browser's
 * Accept-Language, a choice in the header that outlives a reload and reaches the emails,
 * field checks, upload refusals, the MRZ reader and the SMS code in that language, and times in the zone
 * the browser reports.
 */
const SHOTS = process.env.E2E_SHOTS_DIR ?? "/tmp/i18n-shots";

const ALL_GRANTS = "name,email,phone,date_of_birth,address,passport,proof_of_address,liveness";

async function withContext<T>(browser: Browser, options: BrowserContextOptions, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

test("with Accept-Language de the consent page is German, and on a phone its decision is on screen without scrolling", async ({ browser, baseURL }) => {
  await withContext(browser, { baseURL, locale: "de-DE", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
    await signInAs(page, uniqueEmail("de-consent"));
    const ocid = await ownOcid(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ihre Identität");

    await page.goto(grantUrl(baseURL!, ocid, ALL_GRANTS));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demo Gateway möchte Ihre verifizierte Identität sehen");
    await expect(page.getByTestId("consent-row-passport")).toContainText("Reisepass");
    await expect(page.getByTestId("consent-row-proof_of_address")).toContainText("Adressnachweis");
    const share = page.getByRole("button", { name: "Auswahl teilen" });
    const deny = page.getByRole("button", { name: "Alles ablehnen" });
    // In the viewport as the page opens: the person never has to scroll to find the decision.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(share).toBeInViewport();
    await expect(deny).toBeInViewport();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/consent-de-390.png` });

    // The answer to the decision is German too.
    await page.getByRole("button", { name: "Alle auswählen" }).click();
    await share.click();
    await page.waitForURL((url) => url.pathname === "/demo/callback");
  });
});

test("the switcher changes the language, which outlives a reload and reaches the person's emails", async ({ browser, baseURL }) => {
  const email = uniqueEmail("switcher");
  await withContext(browser, { baseURL, locale: "en-US" }, async (page) => {
    await signInAs(page, email);
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your identity");

    const switcher = page.getByRole("form", { name: "Language" });
    await expect(switcher.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
    await switcher.getByRole("button", { name: "Français" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Votre identité");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("form", { name: "Langue" }).getByRole("button", { name: "Français" })).toHaveAttribute("aria-pressed", "true");

    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Votre identité");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/account-fr.png`, fullPage: true });

    // Signed out, asking for a link again: the page and the email are French.
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.goto("/signin");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Se connecter à Attest");
    await page.getByLabel("Adresse e-mail").fill("not-an-address");
    await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await expect(page.getByText("Saisissez une adresse e-mail valide, par exemple nom@example.com")).toBeVisible();
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultez vos e-mails");
    expect((await messageTo(email)).subject).toBe("Votre lien de connexion Attest");
  });
});

test("a time is shown in the browser's time zone", async ({ browser, baseURL }) => {
  await withContext(browser, { baseURL, locale: "en-US", timezoneId: "America/New_York" }, async (page) => {
    await signInWithDeniedGrant(page, baseURL!, uniqueEmail("zone"));
    const time = page.getByTestId("receipt").first().locator("time");
    const moment = new Date((await time.getAttribute("datetime"))!);
    const expected = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short", timeZone: "America/New_York" }).format(moment);
    // The first render may still be in UTC: the browser tells the server its zone, and the page follows.
    await expect(time).toHaveText(expected);
    expect(expected).toMatch(/E[SD]T$/);
  });
});

test("a German person reads the form's own check, the server's upload refusal and the SMS in German", async ({ browser, baseURL }) => {
  await withContext(browser, { baseURL, locale: "de-DE" }, async (page) => {
    await signInAs(page, uniqueEmail("de-fields"));

    // Checked in the browser with the server's schema, before anything is sent.
    await page.goto("/account/items/phone");
    await page.getByLabel("Mobilnummer").fill("020 7946 0958");
    await page.getByRole("button", { name: "Code senden" }).click();
    await expect(page.getByText("Geben Sie Ihre Nummer mit Ländervorwahl ein, beginnend mit +")).toBeVisible();
    await expect(page.getByLabel("Mobilnummer")).toHaveAttribute("aria-invalid", "true");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/phone-de-invalid.png` });

    // A valid number: the code arrives in German, the language the person's browser asked for.
    const number = `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    await page.getByLabel("Mobilnummer").fill(number);
    await page.getByRole("button", { name: "Code senden" }).click();
    await expect(page.getByLabel(`Code gesendet an ${number}`)).toBeVisible();
    expect(await latestMessageTo(`sms${number}@sms.attest.invalid`)).toMatch(/^Ihr Attest-Code lautet \d{6}\. Er läuft in 10 Minuten ab\./);

    // Only the server reads the bytes: a "PDF" that is none is refused in German beside its field.
    await page.goto("/account/items/proof_of_address");
    await page.getByLabel("Art des Dokuments").selectOption("utility_bill");
    await page.getByLabel("Datum auf dem Dokument").fill(addDays(isoDateOf(), -10));
    await page.getByLabel("Das Dokument", { exact: true }).setInputFiles({ name: "bill.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a PDF at all") });
    await page.getByRole("button", { name: "Zur Prüfung hochladen" }).click();
    const refusal = "Laden Sie eine JPEG-, PNG- oder PDF-Datei hoch";
    await expect(page.getByRole("alert").getByRole("link", { name: refusal })).toHaveAttribute("href", "#page");
    await expect(page.getByText(refusal, { exact: true }).last()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/proof-de-refused.png`, fullPage: true });
  });
});

test("a German person reads the MRZ reader's own check and the server's comparison with what was typed in German", async ({ browser, baseURL }) => {
  await withContext(browser, { baseURL, locale: "de-DE" }, async (page) => {
    await signInAs(page, uniqueEmail("de-mrz"));
    await page.goto("/account/items/name");
    await page.getByLabel("Vorname(n)").fill("Nora");
    await page.getByLabel("Nachname").fill("Lindqvist");
    await page.getByRole("button", { name: "Zur Prüfung einreichen" }).click();
    await expect(page).toHaveURL(/\/account\?submitted=name$/);

    // The reader in the browser: a broken check digit, said in German when asked to fill in.
    await page.goto("/account/items/passport");
    const zone = page.getByRole("textbox", { name: "Maschinenlesbare Zone" });
    const expires = addDays(isoDateOf(), 3000);
    const mrz = buildPassportMrz({ documentNumber: "K7Q2R9W41", issuingCountry: "GB", lastName: "Lindqvist", firstName: "Peter", birthDate: "1980-01-15", expirationDate: expires, sex: "M" });
    const [line1, line2] = mrz.split("\n") as [string, string];
    await zone.fill(`${line1}\n${line2.slice(0, 9)}${(Number(line2[9]) + 1) % 10}${line2.slice(10)}`);
    await page.getByRole("button", { name: "Aus der MRZ ausfüllen" }).click();
    await expect(page.locator("#mrz-error")).toContainText("Die Prüfziffer der Passnummer passt nicht zur Passnummer.");

    // The server: a valid zone whose first name is not the one the person gave.
    await zone.fill(mrz);
    const read = page.getByTestId("mrz-read");
    await expect(read).toContainText("PETER LINDQVIST");
    await expect(read).toContainText("Vereinigtes Königreich");
    await expect(read).toContainText("15.01.1980");
    await page.getByLabel("Ausstellungsdatum").fill("2023-02-01");
    await page.getByLabel("Seite mit Lichtbild").setInputFiles({ name: "passport.png", mimeType: "image/png", buffer: await renderSelfieImage({ seed: 3 }) });
    await page.getByRole("button", { name: "Zur Prüfung hochladen" }).click();
    await expect(page.locator("#mrz-error")).toContainText("Der Vorname (Nora) stimmt nicht mit der MRZ (PETER) überein.");
    await page.screenshot({ path: `${SHOTS}/passport-de-mrz.png`, fullPage: true });
  });
});
