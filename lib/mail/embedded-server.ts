import "server-only";

import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { SMTPServer } from "smtp-server";

/**
 * The development mailbox (SPEC §9): a real SMTP server on loopback that
 * keeps every message it receives as an .eml file under the given folder.
 * Attest starts one when no SMTP_URL is configured.
 */
export type MailServer = { port: number; close: () => Promise<void> };

const MAX_MESSAGE_BYTES = 1024 * 1024;

export function startMailServer(folder: string, port = 0): Promise<MailServer> {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
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
        // Time-ordered names, so a listing sorts newest first without parsing.
        const name = `${Date.now().toString().padStart(15, "0")}-${randomBytes(4).toString("hex")}.eml`;
        try {
          mkdirSync(folder, { recursive: true, mode: 0o700 });
          writeFileSync(path.join(folder, name), Buffer.concat(chunks), { mode: 0o600 });
          callback();
        } catch (error) {
          callback(Object.assign(error as Error, { responseCode: 451 }));
        }
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
