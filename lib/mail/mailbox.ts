import "server-only";

import { desc } from "drizzle-orm";
import { simpleParser } from "mailparser";

import { getDb } from "@/lib/db/client";
import { devMail } from "@/lib/db/schema";
import { isLoopbackAddress } from "@/lib/http/client-address";
import { getEnv } from "@/lib/env";
import { decryptBytes, encryptBytes } from "@/lib/security/encryption";

/**
 * The development mailbox: what the embedded SMTP server received, kept in the database so
 * that behind a load balancer a link mailed by one instance shows on every other. Messages
 * carry sign-in links and personal data, so they are encrypted like the rest of it.
 */
export type MailboxMessage = {
  id: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  links: string[];
};

const LINK = /https?:\/\/[^\s<>"')]+/g;
const PURPOSE = "dev_mail";

export async function keepMessage(message: Buffer): Promise<void> {
  const db = await getDb();
  await db.insert(devMail).values({ messageEnc: encryptBytes(message, PURPOSE) });
}

/**
 * Who may read it: nobody in production; outside production only clients on this machine
 * (the address after TRUST_PROXY is applied), unless DEV_MAILBOX=1 opens it to all.
 */
export function mayReadMailbox(client: string | null): boolean {
  const env = getEnv();
  if (env.production) return false;
  return env.devMailboxForAll || (client !== null && isLoopbackAddress(client));
}

/** Newest first. */
export async function listMailbox(limit = 50): Promise<MailboxMessage[]> {
  const db = await getDb();
  const rows = await db.select().from(devMail).orderBy(desc(devMail.id)).limit(limit);
  return Promise.all(
    rows.map(async (row) => {
      const parsed = await simpleParser(decryptBytes(row.messageEnc, PURPOSE));
      const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(", ") : (parsed.to?.text ?? "");
      const text = parsed.text ?? "";
      return {
        id: String(row.id),
        to,
        subject: parsed.subject ?? "",
        date: (parsed.date ?? row.receivedAt).toISOString(),
        text,
        links: [...new Set(text.match(LINK) ?? [])],
      };
    }),
  );
}
