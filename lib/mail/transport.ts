import "server-only";

import nodemailer, { type Transporter } from "nodemailer";

import { getEnv } from "@/lib/env";
import { startMailServer } from "@/lib/mail/embedded-server";
import { keepMessage } from "@/lib/mail/mailbox";

/**
 * Where mail goes: the SMTP server in SMTP_URL, or else the embedded
 * development mailbox, started on first use in this process.
 */
const globalMail = globalThis as { __attestTransport?: Promise<Transporter> };

async function createTransport(): Promise<Transporter> {
  const { smtpUrl } = getEnv();
  if (smtpUrl) return nodemailer.createTransport(smtpUrl);
  const server = await startMailServer(keepMessage);
  return nodemailer.createTransport({ host: "127.0.0.1", port: server.port, secure: false, ignoreTLS: true });
}

export function getTransport(): Promise<Transporter> {
  globalMail.__attestTransport ??= createTransport().catch((error) => {
    delete globalMail.__attestTransport;
    throw error;
  });
  return globalMail.__attestTransport;
}

export type OutgoingMail = { to: string; subject: string; text: string; html?: string };

export async function sendMail(mail: OutgoingMail): Promise<void> {
  const transport = await getTransport();
  await transport.sendMail({ from: getEnv().mailFrom, ...mail });
}
