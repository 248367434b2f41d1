import type { Messages } from "./messages";

/**
 * The catalogue namespaces that components running in the browser read (useTranslations in a
 * "use client" module or in one it imports). Only these travel with every page: the rest of the
 * catalogue is read on the server, and serialising it into each page's HTML would only weigh it
 * down. tests/unit/client-messages.test.ts fails when a browser component reads one not listed.
 */
export const CLIENT_NAMESPACES = ["capture", "consent", "credentials", "deletion", "forms", "handoff", "header", "items", "itemState", "notifications", "partners", "problem", "signIn", "validation"] as const satisfies readonly (keyof Messages)[];

export type ClientMessages = Pick<Messages, (typeof CLIENT_NAMESPACES)[number]>;

/** The part of a catalogue handed to NextIntlClientProvider. */
export function clientMessages(messages: Messages): ClientMessages {
  return Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]])) as ClientMessages;
}
