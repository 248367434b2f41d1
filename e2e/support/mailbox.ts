import { expect } from "@playwright/test";

/**
 * Reads the development mailbox the way an operator would, over HTTP from this machine
 * (`/dev/mailbox/messages` answers loopback clients only). Behind the test proxy any
 * instance may answer, since the mailbox lives in the shared database. Polls briefly,
 * since sending is asynchronous.
 */
type Message = { to: string; subject: string; text: string; links: string[] };

function mailboxUrl(): string {
  return `${process.env.E2E_MAILBOX_BASE ?? process.env.E2E_BASE_URL}/dev/mailbox/messages`;
}

async function messagesTo(address: string, base?: string): Promise<Message[]> {
  const response = await fetch(base ? `${base}/dev/mailbox/messages` : mailboxUrl());
  if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
  const { messages } = (await response.json()) as { messages: Message[] };
  return messages.filter((message) => message.to.toLowerCase().includes(address.toLowerCase()));
}

/** The newest link sent to `address` whose path contains `pathPart`. */
export async function latestLinkFor(address: string, pathPart = "/api/auth/callback/", base?: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        for (const message of await messagesTo(address, base)) {
          link = message.links.find((candidate) => candidate.includes(pathPart));
          if (link) return link;
        }
        return undefined;
      },
      { timeout: 10_000 },
    )
    .toBeTruthy();
  return link!;
}

/** The newest message's text sent to `address`. */
export async function latestMessageTo(address: string, base?: string): Promise<string> {
  let found = "";
  await expect.poll(async () => (found = (await messagesTo(address, base))[0]?.text ?? "")).not.toBe("");
  return found;
}
