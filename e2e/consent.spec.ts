import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { expect, test, type Page } from "@playwright/test";

import { verifyReceipt } from "@/lib/consent/verify-receipt";

import { latestLinkFor } from "./support/mailbox";
import { asPartner300 } from "./support/partner";
import { signInAs, uniqueEmail } from "./support/session";

/**
 * The consent page (SPEC §5) driven through crafted URLs, as a gateway
 * sends people to it. Partner 300's callback origin is PUBLIC_URL's, so the
 * callbacks point at /demo/callback; only the URL we land on matters here.
 */
const CALLBACK = "/demo/callback?from=e2e";

function grantUrl(baseURL: string, p: { grants?: string; userOcid?: number | string; callback?: string; state?: string; ocid?: number | string }): string {
  const query = new URLSearchParams();
  if (p.grants !== undefined) query.set("grants", p.grants);
  if (p.userOcid !== undefined) query.set("user_ocid", String(p.userOcid));
  query.set("callback_url", p.callback ?? new URL(CALLBACK, baseURL).toString());
  if (p.state !== undefined) query.set("state", p.state);
  return `/kyc/grant/${p.ocid ?? 300}?${query}`;
}

/** The query of the callback we landed on, minus the callback's own `from`. */
async function landedOnCallback(page: Page): Promise<Record<string, string>> {
  await page.waitForURL((url) => url.pathname === "/demo/callback");
  const url = new URL(page.url());
  expect(url.searchParams.get("from")).toBe("e2e");
  const params: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (name !== "from") params[name] = value;
  expect(Object.keys(params).length).toBe([...url.searchParams.keys()].length - 1); // no name twice
  return params;
}

/** A fresh person signed in; returns their OCID. */
async function newPerson(page: Page): Promise<{ email: string; ocid: number }> {
  const email = uniqueEmail("consent");
  await signInAs(page, email);
  await page.goto("/account");
  return { email, ocid: Number(await page.getByTestId("user-ocid").textContent()) };
}

const toggle = (page: Page, label: string) => page.getByRole("switch", { name: label });

test("all granted: lands on the callback with status=granted, the grants, user_ocid and state", async ({ page, baseURL }) => {
  const { ocid } = await newPerson(page);
  await page.goto(grantUrl(baseURL!, { grants: "name,email", userOcid: ocid, state: "abc 123&x=y" }));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Demo Gateway");
  // The partner's metadata icon, as Attest's own copy: loaded, and never fetched from the partner by the browser.
  const icon = page.locator('img[src="/kyc/grant/300/icon"]');
  await expect(icon).toBeVisible();
  expect(await icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const served = await page.request.get("/kyc/grant/300/icon");
  expect(served.headers()["content-type"]).toBe("image/svg+xml");
  expect(served.headers()["content-security-policy"]).toContain("sandbox");
  expect((await page.request.get("/kyc/grant/999999/icon")).status()).toBe(404);
  await expect(toggle(page, "Full name")).not.toBeChecked();
  await page.getByRole("button", { name: "Select all" }).click();
  await expect(toggle(page, "Full name")).toBeChecked();
  await expect(toggle(page, "Email address")).toBeChecked();
  await page.getByRole("button", { name: "Share selected" }).click();
  expect(await landedOnCallback(page)).toEqual({ status: "granted", grants: "name,email", user_ocid: String(ocid), state: "abc 123&x=y" });
});

test("some granted: status=partial with both lists; toggles work from the keyboard", async ({ page, baseURL }) => {
  const { ocid } = await newPerson(page);
  await page.goto(grantUrl(baseURL!, { grants: "name,email,phone", userOcid: ocid, state: "s-partial" }));
  await toggle(page, "Full name").check();
  await toggle(page, "Phone number").focus();
  await page.keyboard.press("Space");
  await expect(toggle(page, "Phone number")).toBeChecked();
  await page.getByRole("button", { name: "Share selected" }).click();
  expect(await landedOnCallback(page)).toEqual({ status: "partial", grants: "name,phone", denied: "email", user_ocid: String(ocid), state: "s-partial" });
});

test("none granted: status=denied, and no state parameter when none was given", async ({ page, baseURL }) => {
  const { ocid } = await newPerson(page);
  await page.goto(grantUrl(baseURL!, { grants: "name,email", userOcid: ocid }));
  await toggle(page, "Full name").check();
  await page.getByRole("button", { name: "Deny all" }).click();
  expect(await landedOnCallback(page)).toEqual({ status: "denied", user_ocid: String(ocid) });
});

test("toggles start on for what this person already granted the partner", async ({ page, baseURL }) => {
  // carol: everything granted to 300 except liveness, which she denied.
  await signInAs(page, "carol@example.com");
  await page.goto(grantUrl(baseURL!, { grants: "name,liveness,aml", userOcid: 12347, state: "carol" }));
  await expect(toggle(page, "Full name")).toBeChecked();
  await expect(toggle(page, "Selfie check")).not.toBeChecked();
  await expect(toggle(page, "Sanctions screening")).toBeChecked();
  await expect(page.getByTestId("consent-row-name")).toContainText("Verified");
});

test("a signed-out person signs in and comes back to the same request", async ({ page, baseURL }) => {
  const request = grantUrl(baseURL!, { grants: "passport,liveness", userOcid: 12346, state: "round trip" });
  await page.goto(request);
  await expect(page).toHaveURL((url) => url.pathname === "/signin" && url.searchParams.get("callbackUrl") === request);
  await page.getByLabel("Email address").fill("bob@example.com");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await latestLinkFor("bob@example.com"));
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === request);
  await expect(page.getByTestId("consent-row-passport")).toContainText("Pending review");
  await expect(page.getByTestId("consent-row-liveness")).toContainText("Missing");
});

test("a callback the partner does not own shows an error page and goes nowhere", async ({ page, baseURL }) => {
  const { ocid } = await newPerson(page);
  for (const callback of ["https://evil.example/cb", "http://127.0.0.1:3140/demo/callback", "javascript:alert(1)"]) {
    const response = await page.goto(grantUrl(baseURL!, { grants: "name", userOcid: ocid, callback, state: "x" }));
    expect(response?.status()).toBe(200);
    expect(response?.request().redirectedFrom()).toBeNull();
    await expect(page.getByTestId("consent-problem")).toHaveAttribute("data-problem", "bad_callback");
    expect(new URL(page.url()).pathname).toBe("/kyc/grant/300");
    await expect(page.getByRole("switch")).toHaveCount(0);
  }
  await page.goto(grantUrl(baseURL!, { ocid: 999999, grants: "name", userOcid: ocid }));
  await expect(page.getByTestId("consent-problem")).toHaveAttribute("data-problem", "unknown_partner");
});

test("an unknown grant goes back to the callback with status=error and the state", async ({ page, baseURL }) => {
  await page.goto(grantUrl(baseURL!, { grants: "name,shoe_size", userOcid: 12345, state: "err-state" }));
  expect(await landedOnCallback(page)).toEqual({ status: "error", error: "invalid_request", state: "err-state" });
  await page.goto(grantUrl(baseURL!, { grants: "name" }));
  expect(await landedOnCallback(page)).toEqual({ status: "error", error: "invalid_request" });
});

test("signed in as someone else: says so, shares nothing, offers to switch account", async ({ page, baseURL }) => {
  const { ocid } = await newPerson(page);
  const request = grantUrl(baseURL!, { grants: "name,email", userOcid: 12345, state: "other" });
  await page.goto(request);
  await expect(page.getByTestId("account-mismatch")).toContainText("This request is for someone else");
  await expect(page.getByTestId("account-mismatch")).toContainText(String(ocid));
  await expect(page.getByRole("switch")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Share selected" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out and switch account" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/signin" && url.searchParams.get("callbackUrl") === request);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);
});

test("a cross-site copy of the form, token and all, changes nothing", async ({ page, baseURL }) => {
  const { ocid } = await newPerson(page);
  const request = grantUrl(baseURL!, { grants: "name,email", userOcid: ocid, state: "forged" });
  await page.goto(request);
  await page.getByRole("button", { name: "Select all" }).click();
  // The strongest attacker: an exact copy of the victim's rendered form, posted from another origin.
  const form = await page.locator("form:has(button[value=share])").evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLFormElement;
    copy.querySelectorAll("input[type=checkbox]").forEach((box) => box.setAttribute("checked", ""));
    return copy.outerHTML;
  });
  const attacker: Server = createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html");
    const action = new URL(request, baseURL).toString();
    res.end(
      `<!doctype html><body>${form.replace(/<form[^>]*>/, `<form method="POST" enctype="multipart/form-data" action="${action}">`)}` +
        `<script>const f=document.forms[0];const i=document.createElement('input');i.type='hidden';i.name='intent';i.value='share';f.append(i);f.submit();</script></body>`,
    );
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  try {
    const evil = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    const responded = page.waitForResponse((response) => response.url().startsWith(new URL("/kyc/grant/300", baseURL).toString()) && response.request().method() === "POST");
    await page.goto(evil);
    await responded;
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).not.toBe("/demo/callback");
  } finally {
    attacker.close();
  }
  await page.goto("/account/partners");
  await expect(page.getByTestId("partner-300")).toHaveCount(0);
  await expect(page.getByTestId("receipt")).toHaveCount(0);
});

test("a POST whose Origin matches the Host it sent, but not PUBLIC_URL, is refused", async ({ page, baseURL }) => {
  // Next accepts an action when Origin matches Host; Attest judges the Origin against PUBLIC_URL
  // and hands Next PUBLIC_URL's host, whatever Host the request claims.
  const { ocid } = await newPerson(page);
  const request = grantUrl(baseURL!, { grants: "name", userOcid: ocid, state: "host" });
  await page.goto(request);
  await page.getByRole("button", { name: "Select all" }).click();
  const cookies = (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  const fields = await page.locator("form:has(button[value=share]) input").evaluateAll((inputs) =>
    (inputs as HTMLInputElement[]).filter((input) => input.type !== "checkbox" || input.checked).map((input) => [input.name, input.value] as [string, string]),
  );
  const actionId = await page.evaluate(() => document.querySelector<HTMLInputElement>("input[name^='$ACTION_ID_'], input[name^='$ACTION_REF_']")?.name ?? null);
  expect(actionId).not.toBeNull();
  const other = new URL(request, baseURL);
  other.hostname = "attest.invalid";
  const multipart: Record<string, string> = Object.fromEntries([...fields, ["intent", "share"]]);
  const response = await page.request.post(new URL(request, baseURL).toString(), {
    headers: { Host: other.host, Origin: other.origin, Cookie: cookies },
    multipart,
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  await page.goto("/account/partners");
  await expect(page.getByTestId("receipt")).toHaveCount(0);

  // Control: the very same POST from PUBLIC_URL's origin is accepted, so the refusal above was the Origin check.
  const accepted = await page.request.post(new URL(request, baseURL).toString(), { headers: { Origin: new URL(baseURL!).origin }, multipart, maxRedirects: 0 });
  expect(accepted.status()).toBe(200);
  await page.goto("/account/partners");
  await expect(page.getByTestId("receipt")).toHaveCount(1);
});

test("the receipt verifies with the provider's key from /metadata.json; revoke takes an item back", async ({ page, baseURL }) => {
  const { ocid } = await newPerson(page);
  await page.goto(grantUrl(baseURL!, { grants: "name,email,phone", userOcid: ocid, state: "receipt" }));
  await toggle(page, "Full name").check();
  await toggle(page, "Email address").check();
  await page.getByRole("button", { name: "Share selected" }).click();
  await landedOnCallback(page);

  await page.goto("/account/partners");
  const receiptRow = page.getByTestId("receipt");
  await expect(receiptRow).toHaveCount(1);
  const href = await receiptRow.getByRole("link", { name: "Download JSON" }).getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.headers()["content-disposition"]).toContain("attachment");
  const receipt = (await download.json()) as Record<string, unknown>;
  expect(receipt).toMatchObject({ provider: 540, user_ocid: ocid, partner: { ocid: 300, name: "Demo Gateway" }, granted: ["name", "email"], denied: ["phone"] });
  const metadata = (await (await page.request.get("/metadata.json")).json()) as { config: { publicKey: string } };
  expect(verifyReceipt(receipt, metadata.config.publicKey)).toBe(true);
  expect(verifyReceipt({ ...receipt, denied: [] }, metadata.config.publicKey)).toBe(false);

  await receiptRow.getByRole("link", { name: "View" }).click();
  await expect(page.getByTestId("receipt-signature-status")).toHaveText(/Valid/);

  // Another person cannot read it.
  const stranger = await page.context().browser()!.newContext({ baseURL });
  const strangerPage = await stranger.newPage();
  await signInAs(strangerPage, uniqueEmail("stranger"));
  expect((await strangerPage.request.get(href!)).status()).toBe(404);
  await stranger.close();

  await page.goto("/account/partners");
  const partner = page.getByTestId("partner-300");
  await expect(partner.getByTestId("grant-300-name").locator("[data-decision]")).toHaveAttribute("data-decision", "granted");
  await partner.getByRole("button", { name: "Revoke Full name from Demo Gateway" }).click();
  await expect(partner.getByTestId("grant-300-name").locator("[data-decision]")).toHaveAttribute("data-decision", "revoked");
  await expect(partner.getByTestId("grant-300-email").locator("[data-decision]")).toHaveAttribute("data-decision", "granted");
  await partner.getByRole("button", { name: "Revoke all items shared with Demo Gateway" }).click();
  await partner.getByRole("button", { name: "Cancel" }).click();
  await expect(partner.getByTestId("grant-300-email").locator("[data-decision]")).toHaveAttribute("data-decision", "granted");
  await partner.getByRole("button", { name: "Revoke all items shared with Demo Gateway" }).click();
  await partner.getByRole("button", { name: "Yes, revoke all" }).click();
  await expect(partner.getByTestId("grant-300-email").locator("[data-decision]")).toHaveAttribute("data-decision", "revoked");
  await expect(partner.getByTestId("grant-300-phone").locator("[data-decision]")).toHaveAttribute("data-decision", "denied");
  await expect(partner.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
});

test("the consent page cannot be framed", async ({ request, baseURL }) => {
  const response = await request.get(grantUrl(baseURL!, { grants: "name", userOcid: 12345 }), { maxRedirects: 0 });
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});

test("screenshots of the consent page at phone and desktop widths", async ({ page, baseURL }) => {
  await signInAs(page, "bob@example.com");
  const request = grantUrl(baseURL!, { grants: "name,email,date_of_birth,passport,liveness,aml", userOcid: 12346, state: "shot" });
  for (const [width, height] of [[390, 844], [1280, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(request);
    await expect(page.getByRole("switch")).toHaveCount(6);
    await page.screenshot({ path: `/tmp/consent-grant-${width}.png`, fullPage: true });
  }
  // alice shares everything with partner 300: the connected-partners page at its fullest.
  await page.context().clearCookies();
  await signInAs(page, "alice@example.com", "/account/partners");
  await page.goto("/account/partners");
  await expect(page.getByTestId("partner-300")).toBeVisible();
  await page.getByRole("button", { name: "Revoke all items shared with Demo Gateway" }).click();
  await page.screenshot({ path: "/tmp/consent-partners-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/consent-partners-390.png", fullPage: true });
  await page.goto(grantUrl(baseURL!, { grants: "name", userOcid: 12345, callback: "https://evil.example/" }));
  await page.screenshot({ path: "/tmp/consent-problem-390.png", fullPage: true });
  await page.goto(grantUrl(baseURL!, { grants: "name", userOcid: 12346 }));
  await page.screenshot({ path: "/tmp/consent-mismatch-390.png", fullPage: true });
});

test("through /demo: consent, then revoke makes the item restricted and its data refused", async ({ page }) => {
  const { ocid } = await newPerson(page);
  await page.goto("/demo");
  await page.getByLabel("User OCID").fill(String(ocid));
  await page.getByRole("button", { name: "None", exact: true }).click();
  await page.getByRole("checkbox", { name: "Email address" }).check();
  await page.getByRole("checkbox", { name: "Phone number" }).check();
  await page.getByRole("button", { name: "Ask for consent" }).click();

  await expect(page).toHaveURL((url) => url.pathname === "/kyc/grant/300");
  await toggle(page, "Email address").check();
  await page.getByRole("button", { name: "Share selected" }).click();
  const params = await (async () => {
    await page.waitForURL((url) => url.pathname === "/demo/callback");
    return Object.fromEntries(new URL(page.url()).searchParams);
  })();
  expect(params).toEqual({ status: "partial", grants: "email", denied: "phone", user_ocid: String(ocid), state: expect.any(String) });
  await expect(page.getByTestId("state-check")).toHaveAttribute("data-ok", "true");

  // The email address is verified by signing in, so once granted the partner sees and gets it.
  let validate = await asPartner300(page, "/kyc/validate", { user_ocid: ocid, grants: ["email", "phone"] });
  expect(validate.body.grants).toEqual({ email: "verified", phone: "restricted" });
  expect((await asPartner300(page, "/kyc/data", { user_ocid: ocid, grants: ["email"] })).status).toBe(200);

  await page.goto("/account/partners");
  await page.getByRole("button", { name: "Revoke Email address from Demo Gateway" }).click();
  await expect(page.getByTestId("grant-300-email").locator("[data-decision]")).toHaveAttribute("data-decision", "revoked");

  validate = await asPartner300(page, "/kyc/validate", { user_ocid: ocid, grants: ["email"] });
  expect(validate.body.grants).toEqual({ email: "restricted" });
  const data = await asPartner300(page, "/kyc/data", { user_ocid: ocid, grants: ["email"] });
  expect(data.status).toBe(403);
  expect(data.body).toEqual({ error: expect.objectContaining({ code: "GRANT_NOT_AUTHORIZED", details: { email: "restricted" } }) });
  expect(JSON.stringify(data.body)).not.toContain("@example.com");
});

test("without JavaScript the decision still lands on the callback, through a link rather than a blocked POST redirect", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  const { ocid } = await newPerson(page);
  await page.goto(grantUrl(baseURL!, { grants: "name,email", userOcid: ocid, state: "no-js" }));
  await toggle(page, "Email address").check();
  await page.getByRole("button", { name: "Share selected" }).click();
  await expect(page.getByTestId("consent-done")).toBeVisible();
  await page.getByRole("link", { name: "Continue to Demo Gateway" }).click();
  expect(await landedOnCallback(page)).toEqual({ status: "partial", grants: "email", denied: "name", user_ocid: String(ocid), state: "no-js" });
  await context.close();
});
