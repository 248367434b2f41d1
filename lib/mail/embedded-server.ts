import "server-only";

import type { AddressInfo } from "node:net";

import { SMTPServer } from "smtp-server";

/**
 * The development mailbox (SPEC §9): a real SMTP server on loopback that hands every
 * message it receives to `keep`. Attest starts one when no SMTP_URL is configured.
 */
export type MailServer = { port: number; close: () => Promise<void> };

const MAX_MESSAGE_BYTES = 1024 * 1024;

export function startMailServer(keep: (message: Buffer) => Promise<void>, port = 0): Promise<MailServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_MESSAGE_BYTES,
    banner: "Attest development mailbox",
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error("Message too large"), { responseCode: 552 }));
          return;
        }
        keep(Buffer.concat(chunks)).then(
          () => callback(),
          (error: unknown) => callback(Object.assign(new Error("Message not kept", { cause: error }), { responseCode: 451 })),
        );
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.server.address() as AddressInfo;
      resolve({ port: bound, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
