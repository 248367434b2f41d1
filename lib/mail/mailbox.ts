import "server-only";

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { simpleParser } from "mailparser";

import { mailboxFolder } from "@/lib/mail/transport";

export type MailboxMessage = {
  id: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  links: string[];
};

const LINK = /https?:\/\/[^\s<>"')]+/g;

/** The development mailbox, newest first (outside production only; see app/dev/mailbox). */
export async function listMailbox(limit = 50): Promise<MailboxMessage[]> {
  let names: string[];
  try {
    names = (await readdir(mailboxFolder())).filter((name) => name.endsWith(".eml"));
  } catch {
    return [];
  }
  names.sort().reverse();
  return Promise.all(
    names.slice(0, limit).map(async (name) => {
      const parsed = await simpleParser(await readFile(path.join(mailboxFolder(), name)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(", ") : (parsed.to?.text ?? "");
      const text = parsed.text ?? "";
      return {
        id: name.replace(/\.eml$/, ""),
        to,
        subject: parsed.subject ?? "",
        date: (parsed.date ?? new Date(0)).toISOString(),
        text,
        links: [...new Set(text.match(LINK) ?? [])],
      };
    }),
  );
}
