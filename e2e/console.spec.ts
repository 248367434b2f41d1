import { readFileSync } from "node:fs";
import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";

import { signRequestHeaders } from "../lib/ocn/client";
import { signInAs, uniqueEmail } from "./support/session";

/**
 * The compliance console against the demo data set. Each test works on its
 * own person (bob, dana, erik, zoltan); the refusals test reads a document
 * from bob's case while his passport still waits, so it comes before the test
 * that approves it (tests in a file run in order here: one worker).
 */

async function openCase(page: Page, ocid: number, item?: string): Promise<string> {
  await page.goto(item ? `/admin?item=${item}` : "/admin");
  // A case whose items all wait on the person is listed apart, and opens the same way.
  await page.locator('[data-testid="queue-case"], [data-testid="waiting-case"]').filter({ hasText: `OCID ${ocid}` }).first().getByRole("link", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { name: `Case · OCID ${ocid}` })).toBeVisible();
  return new URL(page.url()).pathname;
}

/**
 * The shortcuts listen once the page has hydrated; a key pressed before that is lost, so "?"
 * is pressed until the help dialog shows they listen, then closed.
 */
async function openShortcutHelp(page: Page): Promise<void> {
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(async () => {
    await page.keyboard.press("?");
    await expect(help).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press("Escape");
}

const stateOf = (page: Page, item: string) => page.getByTestId(`case-item-${item}`).locator("[data-state]").first();
const accountState = (page: Page, item: string) => page.getByTestId(`item-${item}`).locator("[data-state]");

const DEMO_PARTNER = { ocid: 300, privateKey: "fb1309f86904d436d801d2f307416e7c398ad3cc5a119cebe44cdfe87e8ab092" };

/** /kyc/validate as the demo partner 300, signed as any partner would. */
async function validateAsPartner(page: Page, userOcid: number, grants: string[]): Promise<Record<string, string>> {
  const body = JSON.stringify({ user_ocid: userOcid, grants });
  const headers = signRequestHeaders({ ocid: DEMO_PARTNER.ocid, privateKeyHex: DEMO_PARTNER.privateKey, method: "POST", url: "/kyc/validate", body });
  const response = await page.request.post("/kyc/validate", { headers: { ...headers, "content-type": "application/json" }, data: body });
  expect(response.status()).toBe(200);
  return (await response.json()).grants;
}

async function asNewPerson(browser: Browser, email: string, returnTo: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email, returnTo);
  return page;
}

/** The person shares `grants` with partner 300 on the real consent page, as a gateway would send them there. */
async function grantToPartner300(browser: Browser, baseURL: string, email: string, userOcid: number, grants: string[]): Promise<void> {
  const query = new URLSearchParams({ grants: grants.join(","), user_ocid: String(userOcid), callback_url: new URL("/demo/callback?from=console", baseURL).toString(), state: "console" });
  const person = await asNewPerson(browser, email, "/account");
  await person.goto(`/kyc/grant/300?${query}`);
  await person.getByRole("button", { name: "Select all" }).click();
  await person.getByRole("button", { name: "Share selected" }).click();
  await person.waitForURL((url) => url.pathname === "/demo/callback");
  const landed = new URL(person.url()).searchParams;
  expect(landed.get("status")).toBe("granted");
  expect(landed.get("grants")?.split(",").sort()).toEqual([...grants].sort());
  await person.context().close();
}

async function inviteStaff(browser: Browser, role: "reviewer" | "auditor"): Promise<string> {
  const email = uniqueEmail(`invited-${role}`);
  const admin = await asNewPerson(browser, "admin@example.com", "/admin/staff");
  await admin.goto("/admin/staff");
  const form = admin.getByRole("form", { name: "Invite staff" });
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByRole("button", { name: "Invite" }).click();
  await expect(form.getByRole("status")).toContainText(`${email} is now ${role}`);
  await expect(admin.getByTestId("staff-member").filter({ hasText: email })).toBeVisible();
  await admin.context().close();
  return email;
}

test("people without the role get nothing from the console's pages and routes, on the server", async ({ page, browser }) => {
  // A real document id, read from a case page as the reviewer sees it.
  await signInAs(page, "reviewer@example.com", "/admin");
  const casePath = await openCase(page, 12346);
  const src = await page.getByTestId("case-item-passport").getByRole("img", { name: /Passport, front/ }).getAttribute("src");
  expect(src).toMatch(/^\/admin\/documents\/[0-9a-f-]{36}$/);
  const document = src!;
  const userId = casePath.split("/").pop();

  // What an admin sees on each page, which nobody else may see.
  const pages = [
    { path: "/admin/partners", shows: 'href="/admin/partners/300"' },
    { path: "/admin/staff", shows: 'data-testid="staff-member"' },
    { path: "/admin/accounts", shows: "Demo Bank" },
    { path: "/admin/credentials", shows: "The latest 200 issued credentials" },
    { path: "/admin/sanctions", shows: 'data-testid="list-version"' },
  ];
  const admin = await asNewPerson(browser, "admin@example.com", "/admin");
  for (const { path, shows } of pages) {
    const response = await admin.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(await response.text(), path).toContain(shows);
  }
  await admin.context().close();

  const refusedRoute = async (who: Page, path: string, status: number, code: string) => {
    const response = await who.request.get(path);
    expect(response.status(), path).toBe(status);
    expect(response.headers()["content-type"], path).toContain("application/json");
    expect((await response.json()).error.code, path).toBe(code);
  };
  const refusedPage = async (who: Page, path: string, shows: string) => {
    const response = await who.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain(shows);
  };

  const alice = await asNewPerson(browser, "alice@example.com", "/account");
  await refusedRoute(alice, document, 404, "NOT_FOUND");
  await refusedRoute(alice, "/admin/audit/export", 404, "NOT_FOUND");
  for (const { path, shows } of pages) await refusedPage(alice, path, shows);
  // Not even the console's own navigation (the page carries the message catalogue, whose home
  // page tile names the console, so its words alone prove nothing).
  const outsider = await (await alice.request.get("/admin/partners")).text();
  expect(outsider).not.toContain('aria-label="Console"');
  expect(outsider).not.toContain('href="/admin/audit"');
  const decision = await alice.request.post(`/admin/cases/${userId}/decisions`, { data: { decision: "approve", item: "passport" } });
  expect(decision.status()).toBe(404);
  await alice.context().close();

  // The reviewer reads documents and the audit log, but none of the admin-only pages.
  const image = await page.request.get(document);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toMatch(/^image\//);
  expect((await page.request.get("/admin/audit/export?action=staff.invited")).status()).toBe(200);
  for (const { path, shows } of pages) await refusedPage(page, path, shows);
  await page.goto(casePath);
  await expect(stateOf(page, "passport")).toHaveAttribute("data-state", "pending");
});

test("the queue puts the sanctions match first with its score and list, counts what waits, and sets apart the case that waits on the person", async ({ page }) => {
  await signInAs(page, "reviewer@example.com", "/admin");
  await page.goto("/admin");
  const zoltan = page.getByTestId("queue-case").filter({ hasText: "OCID 12352" });
  await expect(zoltan).toContainText("Zoltan Erdemes Kovacsi");
  await expect(zoltan.getByTestId("sanctions-hit")).toContainText(/Sanctions match 1\.000 · Zoltán Érdemes-Kovácsi · list [0-9a-f]{12}/);
  // Bob's passport waited two days, longer than the 24-hour SLA: overdue, yet after the sanctions match.
  const bob = page.getByTestId("queue-case").filter({ hasText: "OCID 12346" });
  await expect(bob).toHaveAttribute("data-sla", "overdue");
  await expect(bob).toContainText("overdue");
  const order = await page.getByTestId("queue-case").evaluateAll((rows) => rows.map((row) => row.textContent ?? ""));
  const position = (ocid: number) => order.findIndex((text) => text.includes(`OCID ${ocid}`));
  expect(position(12352)).toBeGreaterThanOrEqual(0);
  expect(position(12352)).toBeLessThan(position(12346));
  expect(position(12352)).toBeLessThan(position(12350));
  await expect(page.getByTestId("queue-counts")).toContainText(/\d+ people · \d+ pending items · [1-9]\d* waiting on the person/);

  // Maya's address waits for a new proof of address: under "Waiting on the person", not in the queue.
  await expect(page.getByTestId("queue-case").filter({ hasText: "OCID 12353" })).toHaveCount(0);
  const waiting = page.getByTestId("waiting-case").filter({ hasText: "OCID 12353" });
  await expect(waiting).toContainText("Maya Oduya");
  await waiting.getByRole("link", { name: "Open case" }).click();
  await expect(page.getByRole("heading", { name: "Case · OCID 12353" })).toBeVisible();
  await expect(page.getByTestId("pending-count")).toHaveText("Nothing pending. 1 waiting on the person.");
  await expect(page.locator("[data-current]")).toHaveCount(0);
  await expect(page.getByTestId("case-item-address").getByTestId("waiting-on-person")).toBeVisible();
  // Moving through the queue never lands on her.
  await page.goto("/admin");
  await page.getByTestId("queue-case").first().getByRole("link", { name: "Open case" }).click();
  const seen = new Set<string>();
  for (let step = 0; step < 8; step++) {
    const next = page.getByTestId("next-case");
    if ((await next.count()) === 0) break;
    await next.click();
    await expect(page.getByRole("heading", { name: /Case · OCID/ })).toBeVisible();
    const heading = await page.getByRole("heading", { name: /Case · OCID/ }).innerText();
    expect(heading).not.toContain("12353");
    if (seen.has(heading)) break;
    seen.add(heading);
  }

  // The awaiting-second-reviewer filter shows only proposed approvals: none yet.
  await page.goto("/admin?stage=awaiting_second");
  await expect(page.getByTestId("queue-empty")).toBeVisible();
});

test("a request for resubmission reads as 'Action needed' to the person, with what to do", async ({ browser }) => {
  const maya = await asNewPerson(browser, "maya@example.com", "/account");
  await maya.goto("/account");
  const proof = maya.getByTestId("item-proof_of_address");
  await expect(proof.locator("[data-state]")).toHaveText("Action needed");
  await expect(proof.getByTestId("decision-reason")).toContainText("Action needed: Please provide it again");
  await expect(proof).toContainText("The bill is older than three months");
  await maya.goto("/account/items/proof_of_address");
  await expect(maya.getByText("Action needed").first()).toBeVisible();
  await maya.context().close();
});

test("the document viewer goes wide and keeps its zoom when moving to another case", async ({ page }) => {
  await signInAs(page, "reviewer@example.com", "/admin");
  await page.goto("/admin");
  await page.getByTestId("queue-case").filter({ has: page.locator('[data-item="proof_of_address"], [data-item="id_card"], [data-item="passport"]') }).first().getByRole("link", { name: "Open case" }).click();
  const viewer = page.getByTestId("image-viewer").first();
  await expect(viewer).toHaveAttribute("data-zoom", "1");
  const narrow = await viewer.evaluate((element) => element.getBoundingClientRect().width);
  await viewer.getByRole("button", { name: "Zoom in" }).click();
  await viewer.getByRole("button", { name: "Wide" }).click();
  await expect(viewer).toHaveAttribute("data-zoom", "1.5");
  await expect(viewer).toHaveAttribute("data-wide", "true");
  const width = await viewer.evaluate((element) => element.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(narrow * 1.3);

  await page.goto("/admin");
  const other = await page.getByTestId("queue-case").filter({ has: page.locator('[data-item="liveness"], [data-item="id_card"], [data-item="passport"], [data-item="proof_of_address"]') }).last().getAttribute("data-user-id");
  await page.goto(`/admin/cases/${other}`);
  await expect(page.getByTestId("image-viewer").first()).toHaveAttribute("data-zoom", "1.5");
  await expect(page.getByTestId("image-viewer").first()).toHaveAttribute("data-wide", "true");
  await page.getByTestId("image-viewer").first().getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("image-viewer").first()).toHaveAttribute("data-zoom", "1");
});

test("the keyboard flow: help, approve, resubmission, reject form, next and previous case", async ({ page }) => {
  await signInAs(page, "reviewer@example.com", "/admin");
  const casePath = await openCase(page, 12350);
  await expect(page.getByTestId("case-item-id_card")).toHaveAttribute("data-current", "true");

  await openShortcutHelp(page);
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();

  await page.keyboard.press("a");
  await expect(page).toHaveURL(/item=liveness/, { timeout: 15_000 });
  await expect(stateOf(page, "id_card")).toHaveAttribute("data-state", "verified");
  // The selfie is shown beside the document photo.
  await expect(page.getByTestId("case-item-liveness").getByRole("img")).toHaveCount(2);

  await page.keyboard.press("u");
  const note = page.getByTestId("case-item-liveness").getByLabel("Note to the person");
  await expect(note).toBeFocused();
  await note.fill("Please take the selfie again in better light.");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page).toHaveURL(/item=name/);
  await expect(stateOf(page, "liveness")).toHaveAttribute("data-state", "rejected");

  // The name is checked against the ID card approved a moment ago.
  await expect(page.getByTestId("evidence-name")).toContainText("Compare with the verified National ID card");
  await page.keyboard.press("a");
  await expect(page).toHaveURL(/item=date_of_birth/, { timeout: 15_000 });

  await page.keyboard.press("r");
  await expect(page.getByTestId("case-item-date_of_birth").getByLabel("Reason")).toBeFocused();
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.keyboard.press("j");
  await expect(page).not.toHaveURL(new RegExp(`${casePath}(\\?|$)`));
  await expect(page.getByRole("heading", { name: /Case · OCID/ })).toBeVisible();
  await page.keyboard.press("k");
  await expect(page).toHaveURL(new RegExp(`${casePath}$`));
});

test("the console pages have no serious accessibility violation (axe), and the queue, a sanctions case and the dashboard fit phone and desktop", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/admin");
  await page.goto("/admin");
  const zoltan = await page.getByTestId("queue-case").filter({ hasText: "OCID 12352" }).getAttribute("data-user-id");
  const pages = ["/admin", `/admin/cases/${zoltan}`, "/admin/audit", "/admin/accounts", "/admin/sanctions", "/admin/staff", "/admin/partners", "/admin/credentials"];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`), path).toEqual([]);
  }
  for (const [name, width] of [["phone", 390], ["desktop", 1280]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/admin");
    await expect(page.getByTestId("dashboard")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `queue at ${width}`).toBe(true);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `/tmp/console-queue-${name}.png`, fullPage: true });
    if (process.env.SCREENSHOTS) await page.getByTestId("dashboard").screenshot({ path: `/tmp/console-dashboard-${name}.png` });
    await page.goto(`/admin/cases/${zoltan}?item=aml`);
    await expect(page.getByTestId("aml-match").first()).toBeVisible();
    await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `case at ${width}`).toBe(true);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `/tmp/console-sanctions-case-${name}.png`, fullPage: true });
  }
});

test("bob shares his passport, name and date of birth with partner 300; once the reviewer approves the passport the partner reads all three verified, as does bob", async ({ page, browser, baseURL }) => {
  const shared = ["passport", "name", "date_of_birth"];
  await grantToPartner300(browser, baseURL!, "bob@example.com", 12346, shared);
  expect((await validateAsPartner(page, 12346, shared)).passport).toBe("pending");

  await signInAs(page, "reviewer@example.com", "/admin");
  const casePath = await openCase(page, 12346);
  const passport = page.getByTestId("case-item-passport");
  await expect(passport).toHaveAttribute("data-current", "true");
  await expect(page.getByTestId("mrz-result")).toContainText("check digits valid and the MRZ agrees");
  await expect(passport.getByRole("img", { name: /Passport, front/ })).toBeVisible();

  await passport.getByRole("button", { name: /^Approve/ }).click();
  await passport.getByRole("button", { name: "Approve now" }).click();
  await expect(page.getByTestId("decision-notice")).toContainText("Approved.");

  await page.goto(casePath);
  for (const item of shared) await expect(stateOf(page, item)).toHaveAttribute("data-state", "verified");
  await expect(page.getByTestId("pending-count")).toHaveText("Nothing pending.");
  // Partner 300 sees the decision at once, for everything bob shared with it.
  expect(await validateAsPartner(page, 12346, shared)).toEqual({ passport: "verified", name: "verified", date_of_birth: "verified" });

  const bob = await asNewPerson(browser, "bob@example.com", "/account");
  await bob.goto("/account");
  for (const item of shared) await expect(accountState(bob, item)).toHaveAttribute("data-state", "verified");
  await bob.context().close();
});

test("a rejection with a note for the person shows on their account; the address waits for a verified proof of address", async ({ page, browser }) => {
  await signInAs(page, "reviewer@example.com", "/admin");
  const casePath = await openCase(page, 12351, "proof_of_address");
  const address = page.getByTestId("decision-address");
  await expect(address).toContainText("Approve the proof of address first");
  await expect(address.getByRole("button", { name: /^Approve/ })).toBeDisabled();

  const proof = page.getByTestId("case-item-proof_of_address");
  await proof.getByRole("button", { name: /^Reject/ }).click();
  const form = proof.getByRole("form", { name: "Reject" });
  await form.getByLabel("Reason").selectOption("unreadable");
  await form.getByLabel("Note to the person").fill("The bill is too blurred to read; please upload a sharper photo.");
  await form.getByLabel("Internal note").fill("glare over the address block");
  await form.getByRole("button", { name: "Confirm rejection" }).click();
  await expect(page.getByTestId("decision-notice")).toContainText("Rejected");

  await page.goto(casePath);
  await expect(stateOf(page, "proof_of_address")).toHaveAttribute("data-state", "rejected");
  await expect(page.getByTestId("case-item-proof_of_address")).toContainText("internal: “glare over the address block”");

  const erik = await asNewPerson(browser, "erik@example.com", "/account");
  await erik.goto("/account");
  await expect(accountState(erik, "proof_of_address")).toHaveAttribute("data-state", "rejected");
  await expect(erik.getByTestId("item-proof_of_address")).toContainText("The bill is too blurred to read; please upload a sharper photo.");
  // The reason chosen, and how to put it right, not only the note.
  await expect(erik.getByTestId("item-proof_of_address").getByTestId("decision-reason")).toContainText("Reason: Unreadable");
  await expect(erik.getByTestId("item-proof_of_address")).toContainText("every word and number can be read");
  await expect(erik.getByText("glare over the address block")).toHaveCount(0);
  await erik.context().close();
});

test("four-eyes: the proposer cannot approve an AML match alone; a second reviewer can", async ({ page, browser }) => {
  const second = await inviteStaff(browser, "reviewer");

  await signInAs(page, "reviewer@example.com", "/admin");
  const casePath = await openCase(page, 12352, "aml");
  const matches = page.getByTestId("aml-matches");
  await expect(matches).toContainText("Zoltán Érdemes-Kovácsi");
  await expect(matches).toContainText("1.000");
  await expect(matches).toContainText(/against list [0-9a-f]{12}/);

  // The match panel shows the list entry and how its score was made.
  await expect(matches).toContainText("Zoltan Erdemes Kovacsi; Z. Erdemes");
  await expect(matches).toContainText("1958");
  await expect(matches.getByTestId("score-parts")).toContainText(/name 1\.000 × birth date 1\.00/);
  // Clearing a match needs a reason; "other" needs a note.
  const decision = page.getByTestId("decision-aml");
  await decision.getByLabel("Why is the match not this person?").selectOption("other");
  await decision.getByRole("button", { name: /^Approve/ }).click();
  await expect(decision.getByRole("alert")).toContainText("Explain in the note");
  await decision.getByLabel("Clearance note").fill("Listed person was born in Debrecen; ours in Pécs, per passport.");
  await decision.getByRole("button", { name: /^Approve/ }).click();
  await decision.getByRole("button", { name: "Approve now" }).click();
  await expect(page.getByTestId("decision-notice")).toContainText("a second, different reviewer must confirm");
  // The console moves on to the next case; the notice says whose approval was proposed, not the new person's.
  await expect(page.getByTestId("decision-subject")).toContainText("Sanctions screening of Zoltan Erdemes Kovacsi (OCID 12352)");
  expect(new URL(page.url()).pathname).not.toBe(casePath);
  await page.goto(casePath);
  const panel = page.getByTestId("decision-aml");
  await expect(panel).toContainText("You proposed approving this item");
  await expect(page.getByTestId("case-item-aml").getByTestId("awaiting-second")).toBeVisible();
  // "Awaiting second reviewer" is a filter of its own, listing only proposed approvals.
  await page.goto("/admin?stage=awaiting_second");
  await expect(page.getByTestId("queue-case")).toHaveCount(1);
  await expect(page.getByTestId("queue-case").first()).toContainText("awaiting second reviewer");
  await page.goto(casePath);
  await expect(panel.getByRole("button", { name: /^Approve/ })).toBeDisabled();
  // Enforced on the server, not only by the disabled button.
  const userId = casePath.split("/").pop();
  const refused = await page.request.post(`/admin/cases/${userId}/decisions`, { data: { decision: "approve", item: "aml" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("FORBIDDEN");
  await expect(stateOf(page, "aml")).toHaveAttribute("data-state", "pending");

  const other = await asNewPerson(browser, second, casePath);
  await other.goto(casePath);
  await expect(other.getByTestId("decision-aml")).toContainText("Approval proposed by reviewer@example.com");
  await expect(other.getByTestId("proposal")).toContainText("Why: Other (explain in the note) · “Listed person was born in Debrecen; ours in Pécs, per passport.”");
  await other.getByTestId("decision-aml").getByRole("button", { name: /Confirm approval/ }).click();
  await other.getByTestId("decision-aml").getByRole("button", { name: "Approve now" }).click();
  await expect(other.getByTestId("decision-notice")).toContainText("Approved.");
  await other.goto(casePath);
  await expect(stateOf(other, "aml")).toHaveAttribute("data-state", "verified");
  await other.getByTestId("case-item-aml").getByText(/History/).click();
  await expect(other.getByTestId("case-item-aml")).toContainText("review.approval_proposed → pending · reviewer@example.com · Other (explain in the note) · “Listed person was born in Debrecen");
  await other.context().close();
});

test("an auditor sees cases without decision buttons, and a direct decision request is refused", async ({ page, browser }) => {
  const auditor = await inviteStaff(browser, "auditor");
  await signInAs(page, auditor, "/admin");
  const casePath = await openCase(page, 12351);
  await expect(page.getByTestId("case-item-address")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0);

  const userId = casePath.split("/").pop();
  const response = await page.request.post(`/admin/cases/${userId}/decisions`, { data: { decision: "reject", item: "address", reason: "other" } });
  // Staff whose role may not decide are told so; outsiders are told the route does not exist.
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("FORBIDDEN");
  await page.goto(casePath);
  await expect(stateOf(page, "address")).toHaveAttribute("data-state", "pending");

  // The auditor reads the audit log, verifies it, keeps a tree head and proves the log consistent with it.
  await page.goto("/admin/audit");
  await page.getByRole("button", { name: "Verify log" }).click();
  await expect(page.getByTestId("log-result")).toHaveAttribute("data-ok", "true");
  const head = await page.request.get("/admin/audit/head");
  expect(head.headers()["content-disposition"]).toContain("attachment");
  await page.getByLabel("A tree head you kept (JSON)").fill(await head.text());
  await page.getByRole("button", { name: "Prove consistency" }).click();
  await expect(page.getByTestId("consistency-result")).toHaveAttribute("data-ok", "true");
  await page.getByTestId("audit-entry").first().getByRole("link").first().click();
  await expect(page.getByTestId("inclusion-result")).toHaveAttribute("data-ok", "true");
  await page.goto("/admin/audit");
  const exported = await page.request.get("/admin/audit/export?action=staff.invited");
  expect(exported.headers()["content-type"]).toContain("application/x-ndjson");
  const lines = (await exported.text()).trim().split("\n").map((line) => JSON.parse(line));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((entry) => entry.action === "staff.invited" && typeof entry.leafHash === "string")).toBe(true);
  // Opening a case is itself an access the log keeps: the auditor's own visit to erik's is there.
  const views = (await (await page.request.get(`/admin/audit/export?action=case.viewed&subject=${userId}`)).text()).trim().split("\n").map((line) => JSON.parse(line));
  expect(views.some((entry) => entry.actorType === "staff" && entry.subjectUserId === userId)).toBe(true);
});

test("the queue and a case page fit phone and desktop screens", async ({ page }) => {
  await signInAs(page, "reviewer@example.com", "/admin");
  for (const [name, width] of [["phone", 390], ["desktop", 1280]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `/tmp/admin-queue-${name}.png`, fullPage: true });
    await page.getByRole("link", { name: "Open case" }).first().click();
    await expect(page.getByRole("heading", { name: /Case · OCID/ })).toBeVisible();
    await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `/tmp/admin-case-${name}.png`, fullPage: true });
  }
});

test("an admin edits, suspends and reactivates a partner, with the metadata checked on save", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/admin/partners");
  await page.goto("/admin/partners");
  await page.getByTestId("partner").filter({ hasText: "OCID 300" }).getByRole("link").click();
  const form = page.getByRole("form", { name: "Edit partner" });

  const url = form.getByLabel("Metadata URL");
  const good = await url.inputValue();
  await url.fill(good.replace("metadata.json", "missing.json"));
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("alert")).toContainText("metadata could not be fetched");

  await url.fill(good);
  await form.getByLabel("Retention note").fill("Demo only: shown on screen, never kept.");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toContainText("signature verified");

  await page.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByTestId("partner-status")).toHaveText("Status: suspended");
  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByTestId("partner-status")).toHaveText("Status: active");

  await page.goto("/admin/audit?action=partner.suspended");
  await expect(page.getByTestId("audit-entry").first()).toContainText("partner 300");
});

test("the admin pages fit phone and desktop screens", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/admin/audit");
  for (const [name, width] of [["phone", 390], ["desktop", 1280]] as const) {
    await page.setViewportSize({ width, height: 900 });
    for (const [slug, heading] of [["audit", "Audit log"], ["partners", "Partners"], ["staff", "Staff"]] as const) {
      await page.goto(`/admin/${slug}`);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `/tmp/admin-${slug}-${name}.png`, fullPage: true });
    }
  }
});

test("the accounts list counts an account's active keys, and the key table says which are active; new keys are test keys by default, with a label", async ({ page }) => {
  await signInAs(page, "admin@example.com", "/admin/accounts");
  const name = `Key count ${Date.now()}`;
  await page.goto("/admin/accounts");
  await page.locator("#account-name").fill(name);
  await page.getByRole("button", { name: /Create account/ }).click();
  await page.goto("/admin/accounts");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await expect(page.getByLabel("Mode")).toHaveValue("test");
  for (const label of ["checkout", "back office"]) {
    await page.getByLabel("Key label").fill(label);
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByTestId("one-time-secret")).toHaveValue(/^sk_test_/);
    await expect(page.getByRole("button", { name: "Copy key" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: label })).toBeVisible();
  }
  await expect(page.getByTestId("key-state")).toHaveText(["Active", "Active"]);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("row").filter({ hasText: "checkout" }).getByRole("button", { name: /Revoke/ }).click();
  await expect(page.getByRole("row").filter({ hasText: "checkout" }).getByTestId("key-state")).toContainText("Revoked");

  await page.goto("/admin/accounts");
  await expect(page.getByRole("row").filter({ hasText: name }).getByRole("cell").nth(3)).toHaveText("1");
  // The demo account's seeded key is active too.
  await expect(page.getByRole("row").filter({ hasText: "Demo Bank" }).getByRole("cell").nth(3)).not.toHaveText("0");
});

test("a reviewer reassigns a case to a named colleague and back, and unassigns it", async ({ page, browser }) => {
  const colleague = await inviteStaff(browser, "reviewer");
  await signInAs(page, "reviewer@example.com", "/admin");
  const casePath = await openCase(page, 12350);
  const form = page.getByRole("form", { name: "Assign the case" });
  await form.getByLabel("Assignee").selectOption({ label: colleague });
  await form.getByRole("button", { name: "Save assignee" }).click();
  await expect(page.getByTestId("case-item-date_of_birth")).toContainText(`assigned to ${colleague}`);
  await page.goto("/admin");
  await expect(page.getByTestId("queue-case").filter({ hasText: "OCID 12350" })).toContainText(colleague);

  await page.goto(casePath);
  await page.getByRole("form", { name: "Assign the case" }).getByLabel("Assignee").selectOption({ label: "reviewer@example.com" });
  await page.getByRole("form", { name: "Assign the case" }).getByRole("button", { name: "Save assignee" }).click();
  await expect(page.getByTestId("case-item-date_of_birth")).toContainText("assigned to reviewer@example.com");

  await page.getByRole("form", { name: "Assign the case" }).getByLabel("Assignee").selectOption("none");
  await page.getByRole("form", { name: "Assign the case" }).getByRole("button", { name: "Save assignee" }).click();
  await expect(page.getByTestId("case-item-date_of_birth")).toContainText("unassigned");
  const userId = casePath.split("/").pop();
  const log = (await (await page.request.get(`/admin/audit/export?subject=${userId}`)).text()).trim().split("\n").map((line) => JSON.parse(line));
  expect(log.filter((entry) => entry.action === "case.assigned").length).toBeGreaterThanOrEqual(2);
  expect(log.some((entry) => entry.action === "case.unassigned")).toBe(true);
});

test("A approves after five seconds, and Undo within them leaves the item pending", async ({ page }) => {
  await signInAs(page, "reviewer@example.com", "/admin");
  const casePath = await openCase(page, 12350);
  await page.goto(`${casePath}?item=date_of_birth`);
  await expect(page.getByTestId("case-item-date_of_birth")).toHaveAttribute("data-current", "true");
  await openShortcutHelp(page);

  await page.keyboard.press("a");
  const undo = page.getByTestId("approve-undo");
  await expect(undo).toContainText(/Approving in [1-5] s/);
  await expect(undo.getByRole("button", { name: "Undo" })).toBeFocused();
  await undo.getByRole("button", { name: "Undo" }).click();
  await expect(undo).toHaveCount(0);
  await page.waitForTimeout(6000);
  await page.goto(`${casePath}?item=date_of_birth`);
  await expect(stateOf(page, "date_of_birth")).toHaveAttribute("data-state", "pending");

  await openShortcutHelp(page);
  await page.keyboard.press("a");
  await expect(page.getByTestId("approve-undo")).toBeVisible();
  await expect(page.getByTestId("decision-notice")).toContainText("Approved.", { timeout: 15_000 });
  await expect(page.getByTestId("decision-subject")).toContainText("Date of birth of Dana Kowalski (OCID 12350)");
  await page.goto(casePath);
  await expect(stateOf(page, "date_of_birth")).toHaveAttribute("data-state", "verified");
});

test("a rejection without a note still tells the person the reason and how to fix it", async ({ page, browser }) => {
  await signInAs(page, "reviewer@example.com", "/admin");
  await page.goto("/admin");
  const maya = page.getByTestId("waiting-case").filter({ hasText: "OCID 12353" });
  const userId = await maya.getAttribute("data-user-id");
  const response = await page.request.post(`/admin/cases/${userId}/decisions`, { data: { decision: "reject", item: "address", reason: "unreadable" } });
  expect(response.status()).toBe(200);

  const person = await asNewPerson(browser, "maya@example.com", "/account");
  await person.goto("/account");
  const address = person.getByTestId("item-address");
  await expect(address.locator("[data-state]")).toHaveText("Rejected");
  await expect(address.getByTestId("decision-reason")).toContainText("Reason: Unreadable");
  await expect(address).toContainText("Upload a sharp, well-lit photo");
  await expect(address).not.toContainText("No reason was given");
  await person.context().close();
});

test("a new sanctions list keeps a reviewer's clearance when the person's entry, name and date of birth are unchanged", async ({ page, browser }) => {
  await signInAs(page, "admin@example.com", "/admin/sanctions");
  // Zoltan's match was cleared by two reviewers earlier in this file.
  const csv = readFileSync(path.join(process.cwd(), "db/seed/sanctions-sample.csv"), "utf8").trimEnd();
  const extra = `attest-demo-9${Date.now() % 1000}`.padEnd(16, "0") + ",Person,Quentin Fictitious-Example,,1940-01-01,zz,,,Attest demo sample - fictional entry,,,ATTEST-DEMO,attest_demo_sample,2026-01-01T00:00:00,2026-11-01T00:00:00,2026-01-01T00:00:00";
  await page.goto("/admin/sanctions");
  await page.getByLabel("Sanctions list (CSV)").setInputFiles({ name: "new-list.csv", mimeType: "text/csv", buffer: Buffer.from(`${csv}\n${extra}\n`) });
  await page.getByRole("button", { name: "Upload and re-screen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Loaded version" })).toBeVisible({ timeout: 30_000 });

  const reviewer = await asNewPerson(browser, "reviewer@example.com", "/admin");
  await reviewer.goto("/admin?item=aml");
  await expect(reviewer.getByTestId("queue-case").filter({ hasText: "OCID 12352" })).toHaveCount(0);
  const zoltan = await asNewPerson(browser, "zoltan@example.com", "/account");
  await zoltan.goto("/account");
  await expect(accountState(zoltan, "aml")).toHaveAttribute("data-state", "verified");
  await zoltan.context().close();
  await reviewer.context().close();
});

test("the audit log names staff by email, people by OCID and partners by name, and filters by them", async ({ page }) => {
  await signInAs(page, "reviewer@example.com", "/admin/audit");
  await page.goto("/admin/audit");
  const form = page.getByRole("form", { name: "Filter the audit log" });
  await form.getByLabel("Person (email or OCID)").fill("12350");
  await form.getByLabel("Staff member (email)").fill("reviewer@example.com");
  await form.getByRole("button", { name: "Apply" }).click();
  const entries = page.getByTestId("audit-entry");
  await expect(entries.first()).toBeVisible();
  for (const entry of await entries.all()) {
    await expect(entry.getByTestId("audit-actor")).toHaveText("reviewer@example.com");
    await expect(entry.getByTestId("audit-subject")).toContainText("OCID 12350");
  }
  await page.goto("/admin/audit?person=nobody@example.com");
  await expect(page.getByText("No one has that email address or OCID.")).toBeVisible();

  await page.goto(`/admin/audit?partner=300&action=partner.suspended`);
  await expect(entries.first().getByTestId("audit-subject")).toContainText("(partner 300)");
  await expect(entries.first().getByTestId("audit-actor")).toHaveText("admin@example.com");
  const today = new Date().toISOString().slice(0, 10);
  await page.goto(`/admin/audit?from=2000-01-01&to=2000-01-02`);
  await expect(page.getByText("No entries match.")).toBeVisible();
  await page.goto(`/admin/audit?from=${today}&to=${today}&action=partner.suspended`);
  await expect(entries.first()).toBeVisible();
});
