import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "@playwright/test";

/**
 * Reads the server's development mailbox folder directly: the newest link
 * sent to `address`. Polls briefly, since sending is asynchronous.
 */
export async function latestLinkFor(address: string, pathPart = "/api/auth/callback/"): Promise<string> {
  const folder = path.join(process.env.E2E_DATA_DIR!, "mail");
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const names = readdirSync(folder).sort().reverse();
        for (const name of names) {
          const raw = readFileSync(path.join(folder, name), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
          if (!raw.toLowerCase().includes(`to: ${address.toLowerCase()}`)) continue;
          link = raw.match(new RegExp(`https?://[^\\s"<>]*${pathPart.replace(/\//g, "\\/")}[^\\s"<>]*`))?.[0];
          if (link) return link;
        }
        return undefined;
      },
      { timeout: 10_000 },
    )
    .toBeTruthy();
  return link!;
}

export async function latestMessageTo(address: string): Promise<string> {
  const folder = path.join(process.env.E2E_DATA_DIR!, "mail");
  let found = "";
  await expect
    .poll(() => {
      for (const name of readdirSync(folder).sort().reverse()) {
        const raw = readFileSync(path.join(folder, name), "utf8");
        if (raw.toLowerCase().includes(`to: ${address.toLowerCase()}`)) return (found = raw);
      }
      return "";
    })
    .not.toBe("");
  return found;
}
