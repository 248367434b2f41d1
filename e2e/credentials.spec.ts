import { expect, test, type Page } from "@playwright/test";

import { messagesTo } from "./support/mailbox";
import { signInAs } from "./support/session";

/** The demo data set's API key (README: demo only). */
const DEMO_API_KEY = "sk_test_demo_0123456789abcdef";

async function verifyWithApi(page: Page, token: string, publicKeyPem: string) {
  const response = await page.request.post("/api/v1/verify", {
    headers: { "X-API-Key": DEMO_API_KEY, "Content-Type": "application/json" },
    data: { token, public_key_pem: publicKeyPem },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as { valid: boolean; error?: string };
}

async function shoot(page: Page, name: string) {
  for (const [label, width] of [
    ["phone", 390],
    ["desktop", 1280],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/credentials-${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("alice issues her own credential, sees it valid, and after revoking it sees it revoked", async ({ page }) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await signInAs(page, "alice@example.com", "/account/credentials");
  await expect(page.getByRole("heading", { name: "Your credentials" })).toBeVisible();
  await expect(page.getByText("You have no credentials yet.")).toBeVisible();
  await shoot(page, "account-empty");

  await page.getByRole("button", { name: "Issue a Tier3 credential" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your Tier3 credential is ready." })).toBeVisible();
  const card = page.getByTestId("credential").first();
  await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "valid");
  await expect(card).toContainText("Tier3");

  await card.getByText("Show as QR code").click();
  await expect(card.getByRole("img", { name: "QR code of your credential token" })).toBeVisible();
  await card.getByText("Show token").click();
  const token = await card.getByLabel("Credential token").inputValue();
  expect(token.split(".")).toHaveLength(3);
  await shoot(page, "account-issued");

  const jwks = (await (await page.request.get("/.well-known/jwks.json")).json()) as { keys: { kid: string; x: string }[] };
  expect(jwks.keys.length).toBeGreaterThan(0);
  const did = (await (await page.request.get("/.well-known/did.json")).json()) as { id: string };
  expect(did.id).toBe(`did:web:${encodeURIComponent(new URL(page.url()).host)}`);
  // The PEM the issue API hands out; the page offers the token, the key comes from the issuer.
  const header = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { kid: string };
  const jwk = jwks.keys.find((key) => key.kid === header.kid)!;
  const { createPublicKey } = await import("node:crypto");
  const pem = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" }).export({ format: "pem", type: "spki" }).toString();
  expect(await verifyWithApi(page, token, pem)).toEqual(expect.objectContaining({ valid: true }));

  // Signed in, alice can mint a bearer token for herself, and it issues only for her own identity.
  const minted = await page.request.post("/api/v1/tokens");
  expect(minted.status()).toBe(200);
  const { token: bearer } = (await minted.json()) as { token: string };
  const forBob = await page.request.post("/api/v1/issue", {
    headers: { Authorization: `Bearer ${bearer}` },
    data: { email: "bob@example.com", phone_number: "+15551234567", full_name: "Bob", dob: "1990-01-01" },
  });
  expect(forBob.status()).toBe(403);
  expect(((await forBob.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");

  const revokedMails = async () => (await messagesTo("alice@example.com")).filter((message) => message.subject === "A credential of yours was revoked");
  const before = (await revokedMails()).length;
  await card.getByRole("button", { name: "Revoke" }).click();
  await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "revoked");
  await expect(card.getByRole("button", { name: "Copy token" })).toHaveCount(0);
  expect(await verifyWithApi(page, token, pem)).toEqual({ valid: false, error: "Credential revoked" });
  await shoot(page, "account-revoked");

  // The email says so, and its link opens the credentials page.
  await expect.poll(async () => (await revokedMails()).length, { timeout: 15_000 }).toBe(before + 1);
  const [mail] = await revokedMails();
  await page.goto(mail!.links.find((link) => new URL(link).pathname === "/account/credentials")!);
  await expect(page.getByRole("heading", { name: "Your credentials" })).toBeVisible();
});

test("an admin tops up the demo account, creates a key that is shown once, and it works", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/admin/accounts");
  await expect(page.getByRole("heading", { name: "API accounts" })).toBeVisible();
  await shoot(page, "admin-accounts");
  await page.getByRole("link", { name: "Demo Bank" }).click();
  await expect(page.getByRole("heading", { name: "Demo Bank" })).toBeVisible();
  const before = Number((await page.getByTestId("balance").textContent())!.replace(/\D/g, ""));

  await page.getByRole("textbox", { name: "Credits", exact: true }).fill("0");
  await page.getByRole("button", { name: "Top up" }).click();
  await expect(page.getByText("Top up at least 1 credit")).toBeVisible();
  await page.getByRole("textbox", { name: "Credits", exact: true }).fill("25");
  await page.getByRole("button", { name: "Top up" }).click();
  await expect(page.getByTestId("balance")).toHaveText(`${(before + 25).toLocaleString("en")} credits`);

  await page.getByLabel("Mode").selectOption("live");
  await page.getByRole("button", { name: "Create API key" }).click();
  const secret = page.getByTestId("one-time-secret");
  await expect(secret).toHaveValue(/^sk_live_/);
  const key = await secret.inputValue();
  await shoot(page, "admin-account");

  const response = await page.request.post("/api/v1/tokens", { headers: { "X-API-Key": key } });
  expect(response.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("one-time-secret")).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "Top-up" }).first()).toBeVisible();

  await page.goto("/admin/credentials");
  await expect(page.getByRole("heading", { name: "Credentials" })).toBeVisible();
  await shoot(page, "admin-credentials");
});

test("people without the admin role cannot open the account console", async ({ page }) => {
  await signInAs(page, "reviewer@example.com", "/admin/accounts");
  const response = await page.goto("/admin/accounts");
  expect(response?.status()).toBe(404);
});
