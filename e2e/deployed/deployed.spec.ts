import { randomBytes } from "node:crypto";

import { expect, test, type Page } from "@playwright/test";

import { DEMO_GATEWAY } from "@/lib/demo/gateway";
import { signRequestHeaders } from "@/lib/ocn/client";

import { viaProxy, type Tls } from "./topology";

/**
 * Attest as deployed (global-setup.ts): https://attest.test through Caddy to two instances
 * on one PostgreSQL. The browser part goes through the proxy, as people do; the
 * cross-instance part talks to each instance directly, to show they share what they must.
 */
test.describe.configure({ mode: "serial" });

const PUBLIC_URL = process.env.DEPLOYED_URL!;
const [INSTANCE_A, INSTANCE_B] = JSON.parse(process.env.DEPLOYED_INSTANCES!) as [string, string];
const { caPem } = JSON.parse(process.env.DEPLOY_TLS!) as Tls;

type Message = { to: string; links: string[] };

/** The newest link mailed to `address`, read from the development mailbox through the proxy. */
async function mailedLink(address: string, pathPart = "/api/auth/callback/"): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => {
      const answer = await viaProxy(`${PUBLIC_URL}/dev/mailbox/messages`, caPem);
      const { messages } = JSON.parse(answer.body) as { messages: Message[] };
      link = messages.filter((message) => message.to.includes(address)).flatMap((message) => message.links).find((candidate) => candidate.includes(pathPart));
      return link;
    })
    .toBeTruthy();
  return link!;
}

async function signIn(page: Page, email: string, start: string): Promise<void> {
  await page.goto(start);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await mailedLink(email);
  expect(new URL(link).origin).toBe(PUBLIC_URL);
  await page.goto(link);
}

/** A signed OCN request as partner 300, sent to one instance directly. */
async function asPartner(base: string, path: string, body: unknown, headers = signed(path, body)): Promise<{ status: number; body: { error?: { code: string } } & Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as never };
}

function signed(path: string, body: unknown): Record<string, string> {
  return signRequestHeaders({ ocid: DEMO_GATEWAY.ocid, privateKeyHex: DEMO_GATEWAY.privateKey, method: "POST", url: path, body: JSON.stringify(body) });
}

let bobCookies = "";

test("sign-in started on the consent page returns to that request, and the decision reaches the callback", async ({ page }) => {
  const query = new URLSearchParams({ grants: "name,email", user_ocid: "12346", callback_url: `${PUBLIC_URL}/demo/callback`, state: "deployed round trip" });
  const request = `${PUBLIC_URL}/kyc/grant/300?${query}`;
  await page.goto(request);
  await expect(page).toHaveURL((url) => url.origin === PUBLIC_URL && url.pathname === "/signin");
  await page.getByLabel("Email address").fill("bob@example.com");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await mailedLink("bob@example.com");
  expect(new URL(link).origin).toBe(PUBLIC_URL);
  await page.goto(link);
  await expect(page).toHaveURL(request);

  await page.getByTestId("consent-row-name").getByRole("switch").click();
  await page.getByRole("button", { name: "Share selected" }).click();
  await page.waitForURL((url) => url.pathname === "/demo/callback");
  const landed = new URL(page.url());
  expect(landed.origin).toBe(PUBLIC_URL);
  expect(Object.fromEntries(landed.searchParams)).toEqual({ status: "partial", grants: "name", denied: "email", user_ocid: "12346", state: "deployed round trip" });

  const cookies = await page.context().cookies();
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) {
    expect(cookie.secure, cookie.name).toBe(true);
    expect(cookie.name, "cookies over https carry a __Secure- or __Host- prefix").toMatch(/^__(Secure|Host)-/);
  }
  expect(cookies.map((cookie) => cookie.name)).toContain("__Secure-authjs.session-token");
  bobCookies = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
});

test("HSTS on pages and on the machine API, through the proxy", async () => {
  const paths = ["/signin", "/metadata.json", "/openapi.json", "/.well-known/did.json", "/healthz"];
  const seen = await Promise.all(paths.map(async (path) => [path, await viaProxy(`${PUBLIC_URL}${path}`, caPem)] as const));
  expect(Object.fromEntries(seen.map(([path, answer]) => [path, answer.status]))).toEqual(Object.fromEntries(paths.map((path) => [path, 200])));
  expect(Object.fromEntries(seen.map(([path, answer]) => [path, /max-age=\d+/.test(String(answer.headers["strict-transport-security"]))]))).toEqual(Object.fromEntries(paths.map((path) => [path, true])));
  const metadata = JSON.parse((await viaProxy(`${PUBLIC_URL}/metadata.json`, caPem)).body) as { config: { endpoint: string } };
  expect(metadata.config.endpoint).toBe(PUBLIC_URL);
});

test("a reviewer signs in and decides an item", async ({ page }) => {
  await signIn(page, "reviewer@example.com", `${PUBLIC_URL}/signin?callbackUrl=/admin`);
  await expect(page).toHaveURL(`${PUBLIC_URL}/admin`);
  await page.getByTestId("queue-case").filter({ hasText: "OCID 12346" }).getByRole("link", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { name: "Case · OCID 12346" })).toBeVisible();
  const casePath = new URL(page.url()).pathname;
  const passport = page.getByTestId("case-item-passport");
  await expect(passport.getByRole("img", { name: /Passport, front/ })).toBeVisible();
  await passport.getByRole("button", { name: /^Approve/ }).click();
  await passport.getByRole("button", { name: "Approve now" }).click();
  await expect(page.getByTestId("decision-notice")).toContainText("Approved.");
  await page.goto(`${PUBLIC_URL}${casePath}`);
  await expect(page.getByTestId("case-item-passport").locator("[data-state]").first()).toHaveAttribute("data-state", "verified");
});

test("/demo runs its whole flow against the deployment's own API", async ({ page }) => {
  await page.goto(`${PUBLIC_URL}/demo`);
  await page.getByRole("button", { name: /^Alice / }).click();
  await page.getByRole("button", { name: "Check status" }).click();
  const status = page.getByTestId("call-result").first();
  await expect(status.getByTestId("response-status")).toHaveText("HTTP 200");
  await expect(status.getByTestId("response-signature")).toHaveAttribute("data-ok", "true");
  await page.getByRole("button", { name: "Fetch data" }).click();
  const data = page.getByTestId("call-result").first();
  await expect(data.getByText("Data signature verified (provider key from /metadata.json)")).toBeVisible();
  const passport = data.getByTestId("data-passport").getByRole("img");
  await expect.poll(() => passport.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  expect(await passport.getAttribute("src")).toMatch(new RegExp(`^${PUBLIC_URL.replace(/[.]/g, "\\.")}/kyc/documents/`));

  await page.getByRole("button", { name: /^Bob / }).click();
  await page.getByRole("button", { name: "Ask for consent" }).click();
  await page.waitForURL((url) => url.pathname === "/kyc/grant/300");
  expect(new URL(page.url()).origin).toBe(PUBLIC_URL);
});

test("a nonce used on one instance is refused as reused on the other", async () => {
  const body = { user_ocid: 12345, grants: ["name"] };
  const headers = signed("/kyc/validate", body);
  expect((await asPartner(INSTANCE_A, "/kyc/validate", body, headers)).status).toBe(200);
  const replay = await asPartner(INSTANCE_B, "/kyc/validate", body, headers);
  expect(replay.status).toBe(401);
  expect(replay.body.error?.code).toBe("NONCE_REUSED");
});

test("a session made through the proxy works on each instance", async () => {
  expect(bobCookies).not.toBe("");
  for (const base of [INSTANCE_A, INSTANCE_B]) {
    const response = await fetch(`${base}/account`, { headers: { Cookie: bobCookies }, redirect: "manual" });
    expect(response.status, base).toBe(200);
    expect(await response.text(), base).toContain("bob@example.com");
  }
});

test("a document URL signed by one instance is served by the other", async () => {
  const data = await asPartner(INSTANCE_A, "/kyc/data", { user_ocid: 12345, grants: ["passport"] });
  expect(data.status).toBe(200);
  const imageUrl = new URL((data.body.data as { passport: { image_url: string } }).passport.image_url);
  expect(imageUrl.origin).toBe(PUBLIC_URL);
  const image = await fetch(`${INSTANCE_B}${imageUrl.pathname}${imageUrl.search}`);
  expect(image.status).toBe(200);
  expect(image.headers.get("content-type")).toMatch(/^image\//);
});

test("a partner suspended on one instance is refused by the other within a second", async ({ page }) => {
  await signIn(page, "admin@example.com", `${PUBLIC_URL}/signin?callbackUrl=/admin/partners/300`);
  await expect(page).toHaveURL(`${PUBLIC_URL}/admin/partners/300`);
  try {
    await page.getByRole("button", { name: "Suspend" }).click();
    await expect(page.getByTestId("partner-status")).toHaveText("Status: suspended");
    const suspendedAt = Date.now();
    for (const base of [INSTANCE_A, INSTANCE_B]) {
      await expect
        .poll(async () => (await asPartner(base, "/kyc/validate", { user_ocid: 12345, grants: ["name"] })).body.error?.code, { intervals: [100], timeout: 5_000 })
        .toBe("CONNECTION_REFUSED");
    }
    expect(Date.now() - suspendedAt).toBeLessThan(1_500);
  } finally {
    await page.getByRole("button", { name: "Reactivate" }).click();
    await expect(page.getByTestId("partner-status")).toHaveText("Status: active");
  }
});

/** Asks one instance directly for a sign-in link, as the sign-in form does; answers where Auth.js redirects. */
async function askForLink(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const sent = await fetch(`${base}/api/auth/signin/email`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, email, callbackUrl: "/account" }), redirect: "manual" });
  expect(sent.status).toBe(302);
  return new URL(sent.headers.get("location")!).pathname;
}

test("sign-in links are limited across instances, and either instance's mailbox shows the links both sent", async () => {
  const email = `shared-${randomBytes(4).toString("hex")}@example.com`;
  // Three links an address may have in 15 minutes, asked of alternating instances: the
  // fourth is refused wherever it lands, since the count lives in the shared database.
  const answers = [];
  for (const base of [INSTANCE_A, INSTANCE_B, INSTANCE_A, INSTANCE_B]) answers.push(await askForLink(base, email));
  // Auth.js's own route answers a sent link with its verify-request page (the sign-in form's
  // action sends people on to /signin/check-email); a refusal with the sign-in page and a notice.
  const SENT = "/api/auth/verify-request";
  expect(answers.slice(0, 3)).toEqual([SENT, SENT, SENT]);
  expect(answers[3]).not.toBe(SENT);
  for (const reader of [INSTANCE_A, INSTANCE_B]) {
    const { messages } = (await (await fetch(`${reader}/dev/mailbox/messages`)).json()) as { messages: Message[] };
    expect(messages.filter((message) => message.to.includes(email)), reader).toHaveLength(3);
  }
});
