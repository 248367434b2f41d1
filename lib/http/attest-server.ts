import "server-only";

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { Readable } from "node:stream";

import { getEnv, type Env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "@/lib/http/client-address";
import { AppError, errorResponse, toErrorBody } from "@/lib/http/errors";
import { isForeignFormPost } from "@/lib/http/foreign-action";
import { MACHINE_ROUTES, OCN_MACHINE_ROUTES, type MachineHandler } from "@/lib/http/machine-routes";
import { runtimeSecurityHeaders } from "@/lib/http/security-headers";
import { signResponse } from "@/lib/ocn/authenticate";

/**
 * The node:http server `npm start` runs (server.ts): Next.js for pages, server actions and
 * most routes, the machine API routes answered directly. Whatever arrives, the answer is an
 * HTTP response in the error envelope (SPEC §4), signed on the OCN routes as withPartner
 * signs; nothing an outsider sends gets a bare 500 or a dropped connection.
 */
export type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * Requests still being worked on. A client that goes away does not stop its request's
 * handler, so on shutdown the server closing is not enough: the database must stay open
 * until these are done.
 */
export class InFlight {
  #count = 0;
  #waiters: (() => void)[] = [];

  track(work: Promise<unknown>): void {
    this.#count += 1;
    void work.finally(() => {
      this.#count -= 1;
      if (this.#count === 0) for (const resolve of this.#waiters.splice(0)) resolve();
    });
  }

  get count(): number {
    return this.#count;
  }

  idle(): Promise<void> {
    return this.#count === 0 ? Promise.resolve() : new Promise((resolve) => this.#waiters.push(resolve));
  }
}

export type AttestServerOptions = {
  next: NextHandler;
  inFlight?: InFlight;
  /** The machine routes and which of them are OCN routes; the real tables unless a test swaps in its own. */
  routes?: Record<string, MachineHandler>;
  ocnRoutes?: ReadonlySet<string>;
};

// host[:port] as RFC 9110 allows it in a Host header (a registered name or a bracketed IPv6 address).
const HOST = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * The Host to build the request URL from: the request's own when it parses, PUBLIC_URL's
 * otherwise (absent, empty, `a b`, a port above 65535…). Nothing here trusts the Host: OCN
 * signatures cover only the path, and every absolute URL Attest writes comes from PUBLIC_URL.
 */
export function requestHost(host: string | undefined, publicUrl: URL): string {
  if (host && HOST.test(host)) {
    try {
      new URL(`http://${host}`);
      return host;
    } catch {
      // falls through to PUBLIC_URL's host
    }
  }
  return publicUrl.host;
}

let headersFor: { env: Env; headers: Record<string, string> } | null = null;
function securityHeaders(): Record<string, string> {
  const env = getEnv();
  if (headersFor?.env !== env) headersFor = { env, headers: runtimeSecurityHeaders(env) };
  return headersFor.headers;
}

function toRequest(request: IncomingMessage, host: string): Request {
  const headers = new Headers();
  for (let index = 0; index < request.rawHeaders.length; index += 2) headers.append(request.rawHeaders[index]!, request.rawHeaders[index + 1]!);
  headers.set("host", host);
  headers.set(CLIENT_ADDRESS_HEADER, String(request.headers[CLIENT_ADDRESS_HEADER]));
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(`http://${host}${request.url ?? "/"}`, {
    method: request.method,
    headers,
    body: hasBody ? (Readable.toWeb(request) as ReadableStream) : undefined,
    // @ts-expect-error -- Node's fetch needs half-duplex for a streamed request body.
    duplex: "half",
  });
}

/** The envelope for `error`, signed like withPartner's answers when the route is an OCN one. */
async function failure(error: unknown, signed: boolean): Promise<Response> {
  const response = errorResponse(error);
  return signed ? signResponse(response) : response;
}

async function machineResponse(handler: MachineHandler, request: IncomingMessage, host: string, signed: boolean): Promise<Response> {
  let webRequest: Request;
  try {
    webRequest = toRequest(request, host);
  } catch {
    return failure(new AppError("INVALID_REQUEST", "The request could not be read."), signed);
  }
  try {
    return await handler(webRequest);
  } catch (error) {
    // The handlers answer every error themselves; reaching this is a fault of ours.
    return failure(error, signed);
  }
}

async function send(response: ServerResponse, result: Response): Promise<void> {
  const body = Buffer.from(await result.arrayBuffer());
  const headers: Record<string, string> = { ...securityHeaders() };
  result.headers.forEach((value, key) => (headers[key] = value));
  headers["content-length"] = String(body.length);
  response.writeHead(result.status, headers);
  response.end(body);
}

/** Last resort once an answer failed midway: an envelope if nothing was sent yet, else close. */
function rescue(response: ServerResponse, error: unknown, signed: boolean): void {
  if (response.headersSent) return void response.destroy();
  failure(error, signed)
    .catch(() => errorResponse(error))
    .then((result) => send(response, result))
    .catch(() => response.destroy());
}

export function createRequestListener(options: AttestServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const routes = options.routes ?? MACHINE_ROUTES;
  const ocnRoutes = options.ocnRoutes ?? OCN_MACHINE_ROUTES;
  const machinePaths = new Set(Object.keys(routes).map((route) => route.split(" ")[1]!));
  const track = (work: Promise<unknown>) => options.inFlight?.track(work);
  return (request, response) => {
    const { publicUrl, trustProxy } = getEnv();
    const host = requestHost(request.headers.host, publicUrl);
    // Next and Auth.js read the Host too; they get one that parses.
    request.headers.host = host;
    request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(request, trustProxy);
    const path = (request.url ?? "/").split("?", 1)[0]!;
    if (isForeignFormPost({ method: request.method, path, headers: request.headers }, publicUrl.origin, machinePaths)) {
      return void send(response, errorResponse(new AppError("FORBIDDEN", "Forms are accepted only from Attest's own pages."))).catch((error) => rescue(response, error, false));
    }
    const route = `${request.method} ${path}`;
    const handler = routes[route];
    if (!handler) {
      // Routes outside the page proxy (/api/*, /metadata.json, documents, /.well-known) get HSTS here;
      // Next keeps a header set before it answers, and pages set the same value again.
      const hsts = securityHeaders()["Strict-Transport-Security"];
      if (hsts) response.setHeader("Strict-Transport-Security", hsts);
      return void track(options.next(request, response).catch((error) => rescue(response, error, false)));
    }
    const signed = ocnRoutes.has(route);
    track(
      machineResponse(handler, request, host, signed)
        .then((result) => send(response, result))
        .catch((error) => rescue(response, error, signed)),
    );
  };
}

/**
 * A request Node's HTTP parser refused (bad request line, bad header, headers too large)
 * never reaches the listener, so no route is known and the envelope goes out unsigned.
 * Only a connection that has not been answered on yet can take a response; a timeout or a
 * reset means nobody is listening.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const answered = "bytesWritten" in socket && typeof socket.bytesWritten === "number" && socket.bytesWritten > 0;
  if (error.code === "ECONNRESET" || error.code === "ERR_HTTP_REQUEST_TIMEOUT" || !socket.writable || answered) return void socket.destroy();
  const message = error.code === "HPE_HEADER_OVERFLOW" ? "The request headers are too large." : "The request is not valid HTTP.";
  const { status, body } = toErrorBody(new AppError("INVALID_REQUEST", message));
  const text = JSON.stringify(body);
  const headers = { ...securityHeaders(), "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)), "Cache-Control": "no-store", Connection: "close" };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  socket.end(`HTTP/1.1 ${status} Bad Request\r\n${head}\r\n${text}`);
}

export function createAttestServer(options: AttestServerOptions): Server {
  const listener = createRequestListener(options);
  // A missing Host is answered like a malformed one (PUBLIC_URL's), not with Node's bare 400.
  const server = createServer({ requireHostHeader: false }, listener);
  server.on("clientError", answerClientError);
  // An Expect other than 100-continue may be ignored (RFC 9110 §10.1.1); Node would answer a bare 417.
  server.on("checkExpectation", listener);
  return server;
}
