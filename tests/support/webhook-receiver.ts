import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local HTTP receiver for webhook tests: records every request (method, path, headers, raw
 * body) and answers with the status `answer` picks, 200 unless told otherwise.
 */
export type Received = { method: string; url: string; headers: Headers; body: string };

export type Receiver = {
  url: (path: string) => string;
  received: Received[];
  answer: (request: Received, index: number) => number;
  close: () => Promise<void>;
};

export async function startReceiver(port = 0): Promise<Receiver> {
  const receiver: Receiver = { url: () => "", received: [], answer: () => 200, close: async () => {} };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
      const entry = { method: request.method ?? "", url: request.url ?? "", headers, body: Buffer.concat(chunks).toString("utf8") };
      receiver.received.push(entry);
      response.statusCode = receiver.answer(entry, receiver.received.length - 1);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.url = (path) => base + path;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
