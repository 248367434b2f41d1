import "server-only";

import nodemailer, { type Transporter } from "nodemailer";

import { getEnv } from "@/lib/env";
import { startMailServer } from "@/lib/mail/embedded-server";
import { keepMessage } from "@/lib/mail/mailbox";
import { remember } from "@/lib/state/remember";

/**
 * Where mail goes: the SMTP server in SMTP_URL, or else the embedded
 * development mailbox, started on first use in this process.
 */
async function createTransport(): Promise<Transporter> {
  const { smtpUrl } = getEnv();
  if (smtpUrl) return nodemailer.createTransport(smtpUrl);
  const server = await startMailServer(keepMessage);
  return nodemailer.createTransport({ host: "127.0.0.1", port: server.port, secure: false, ignoreTLS: true });
}

export function getTransport(): Promise<Transporter> {
  return remember("mail-transport", createTransport);
}

export type OutgoingMail = { to: string; subject: string; text: string; html?: string };

export async function sendMail(mail: OutgoingMail): Promise<void> {
  const transport = await getTransport();
  await transport.sendMail({ from: getEnv().mailFrom, ...mail });
}
