import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";

import { clientAddress } from "@/lib/http/client-address";
import { listMailbox, mayReadMailbox } from "@/lib/mail/mailbox";

export const metadata: Metadata = { title: "Development mailbox" };

/** Outside production, for clients on this machine: the messages the embedded SMTP server received (SPEC §9). */
export default async function MailboxPage() {
  if (!mayReadMailbox(clientAddress(await headers()))) notFound();
  const messages = await listMailbox();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Development mailbox</h1>
        <p className="mt-1 text-slate-600">Sign-in links and phone codes sent by every instance of this deployment, newest first. Not available in production.</p>
      </div>
      {messages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">No messages yet.</p>
      ) : (
        <ul className="space-y-4">
          {messages.map((message) => (
            <li key={message.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="mail-message">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-medium">{message.subject}</h2>
                <time className="text-xs text-slate-500" dateTime={message.date}>
                  {new Date(message.date).toUTCString()}
                </time>
              </div>
              <p className="text-sm text-slate-600" data-testid="mail-to">
                To: {message.to}
              </p>
              <pre className="mt-2 whitespace-pre-wrap break-words font-mono text-xs text-slate-700">{message.text}</pre>
              {message.links.map((link) => (
                <a key={link} href={link} className="mt-2 block break-all text-sm font-medium text-brand-700 underline" data-testid="mail-link">
                  {link}
                </a>
              ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
