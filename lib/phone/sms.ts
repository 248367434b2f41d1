import "server-only";

import { sendMail } from "@/lib/mail/transport";

/**
 * Where SMS go. Production would plug a carrier in here; until then (and in every
 * development and test run) the development provider drops each message into the
 * mailbox of SPEC §9, addressed so tests can find it by number.
 */
export interface SmsProvider {
  send(to: string, text: string): Promise<void>;
}

/** `+447700900123` → `sms+447700900123@sms.attest.invalid` (.invalid never routes anywhere real). */
export function smsMailboxAddress(e164: string): string {
  return `sms+${e164.replace(/\D/g, "")}@sms.attest.invalid`;
}

export const mailboxSmsProvider: SmsProvider = {
  async send(to, text) {
    await sendMail({ to: smsMailboxAddress(to), subject: `SMS to ${to}`, text });
  },
};

let provider: SmsProvider = mailboxSmsProvider;

export function getSmsProvider(): SmsProvider {
  return provider;
}

/** For tests that want to read what was sent without a mail server. */
export function setSmsProviderForTests(next: SmsProvider): void {
  provider = next;
}
