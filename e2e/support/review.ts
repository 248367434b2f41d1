import { expect, type Browser } from "@playwright/test";

import { signInAs } from "./session";

export type Decision = { item: string; decision: "approve" } | { item: string; decision: "resubmit"; note: string };

/**
 * A reviewer decides `ocid`'s pending items in the console, in order, as a reviewer would: the case
 * opened from the queue, an approval sent at once rather than after its undo window.
 */
export async function decideAsReviewer(browser: Browser, ocid: number, decisions: Decision[]): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signInAs(page, "reviewer@example.com", "/admin");
    for (const decided of decisions) {
      await page.goto("/admin");
      await page.locator('[data-testid="queue-case"], [data-testid="waiting-case"]').filter({ hasText: `OCID ${ocid}` }).first().getByRole("link", { name: "Open case" }).click();
      const panel = page.getByTestId(`decision-${decided.item}`);
      if (decided.decision === "approve") {
        await panel.getByRole("button", { name: /^Approve/ }).click();
        await panel.getByRole("button", { name: "Approve now" }).click();
        await expect(page.getByTestId("decision-notice")).toContainText("Approved");
      } else {
        await panel.getByRole("button", { name: /^Request resubmission/ }).click();
        await page.getByTestId(`case-item-${decided.item}`).getByLabel("Note to the person").fill(decided.note);
        await page.getByRole("button", { name: "Send request" }).click();
        await expect(page.getByTestId("decision-notice")).toBeVisible();
      }
    }
  } finally {
    await context.close();
  }
}

/** Every item approved, in the order given (documents before what is checked against them). */
export const approveAll = (browser: Browser, ocid: number, items: string[]) => decideAsReviewer(browser, ocid, items.map((item) => ({ item, decision: "approve" as const })));
