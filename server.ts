/**
 * The production server: Next.js for pages, server actions and most routes,
 * with the high-volume machine API (SPEC §4 validate/data/capabilities and
 * credential verification) answered directly by the same route handlers,
 * skipping Next's per-request pipeline. Started by `npm start`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";

import next from "next";

import { getEnv } from "./lib/env";
import { isForeignFormPost } from "./lib/http/foreign-action";
import { MACHINE_ROUTES } from "./lib/http/machine-routes";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const env = getEnv();
const app = next({ dev: false, hostname: env.host, port: env.port });
const handle = app.getRequestHandler();
const SECURITY: Record<string, string> = Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value]));

function toRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (let index = 0; index < request.rawHeaders.length; index += 2) headers.append(request.rawHeaders[index]!, request.rawHeaders[index + 1]!);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(`http://${request.headers.host ?? "localhost"}${request.url ?? "/"}`, {
    method: request.method,
    headers,
    body: hasBody ? (Readable.toWeb(request) as ReadableStream) : undefined,
    // @ts-expect-error -- Node's fetch needs half-duplex for a streamed request body.
    duplex: "half",
  });
}

async function answer(handler: (request: Request) => Promise<Response>, request: IncomingMessage, response: ServerResponse) {
  const result = await handler(toRequest(request));
  const body = Buffer.from(await result.arrayBuffer());
  const headers: Record<string, string> = { ...SECURITY };
  result.headers.forEach((value, key) => (headers[key] = value));
  headers["content-length"] = String(body.length);
  response.writeHead(result.status, headers);
  response.end(body);
}

await app.prepare();
const FOREIGN_POST = JSON.stringify({ error: { code: "FORBIDDEN", message: "Forms are accepted only from Attest's own pages." } });
const MACHINE_PATHS = new Set(Object.keys(MACHINE_ROUTES).map((route) => route.split(" ")[1]!));

createServer((request, response) => {
  const path = (request.url ?? "/").split("?", 1)[0]!;
  if (isForeignFormPost({ method: request.method, path, headers: request.headers }, env.publicUrl.origin, MACHINE_PATHS)) {
    response.writeHead(403, { ...SECURITY, "content-type": "application/json" });
    return void response.end(FOREIGN_POST);
  }
  const machine = MACHINE_ROUTES[`${request.method} ${path}`];
  if (!machine) return void handle(request, response);
  answer(machine, request, response).catch(() => {
    // The handlers turn every error into a signed envelope; this is only a broken socket.
    if (!response.headersSent) response.writeHead(500).end();
    else response.destroy();
  });
}).listen(env.port, env.host, () => console.log(`Attest listening on ${env.publicUrl.href} (port ${env.port})`));
