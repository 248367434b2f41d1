import { expect } from "@playwright/test";

/**
 * Reads the development mailbox the way an operator would, over HTTP from this machine
 * (`/dev/mailbox/messages` answers loopback clients only). Polls briefly, since sending
 * is asynchronous.
 */
export type Message = { to: string; subject: string; text: string; links: string[] };

/** Every message to `address`, newest first. */
export async function messagesTo(address: string): Promise<Message[]> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/dev/mailbox/messages`);
  if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
  const { messages } = (await response.json()) as { messages: Message[] };
  return messages.filter((message) => message.to.toLowerCase().includes(address.toLowerCase()));
}

/** The newest link sent to `address` whose path contains `pathPart`. */
export async function latestLinkFor(address: string, pathPart = "/api/auth/callback/"): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        for (const message of await messagesTo(address)) {
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
export async function latestMessageTo(address: string): Promise<string> {
  let found = "";
  await expect.poll(async () => (found = (await messagesTo(address))[0]?.text ?? "")).not.toBe("");
  return found;
}

/** The newest message to `address` whose subject matches `subject`, once it has arrived. */
export async function messageTo(address: string, subject: RegExp = /./): Promise<Message> {
  let found: Message | undefined;
  await expect.poll(async () => (found = (await messagesTo(address)).find((message) => subject.test(message.subject))) !== undefined, { timeout: 15_000 }).toBe(true);
  return found!;
}
