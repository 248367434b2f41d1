import "server-only";

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

import { getEnv, type Env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "@/lib/http/client-address";
import { AppError, errorResponse, toErrorBody } from "@/lib/http/errors";
import { isForeignFormPost } from "@/lib/http/foreign-action";
import { MAX_BODY_BYTES } from "@/lib/http/json-body";
import { OCN_MACHINE_ROUTES, type MachineHandler } from "@/lib/http/machine-routes";
import { metrics } from "@/lib/http/metrics";
import { requestContextStore, type RequestContext } from "@/lib/http/request-context";
import { recordRequest, requestIdOf } from "@/lib/http/request-log";
import { nearMiss, readTarget } from "@/lib/http/request-target";
import { INVALID_ROUTE, loadRouteTemplates, routeTemplateOf } from "@/lib/http/route-template";
import { runtimeSecurityHeaders } from "@/lib/http/security-headers";

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
  /** Who answers each machine route (lib/machine-api.ts; a test may add its own). */
  routes: Record<string, MachineHandler>;
  /** Which of them sign every answer, and how (SPEC §2): the OCN routes, with the provider's key. */
  ocnRoutes?: ReadonlySet<string>;
  signOcnResponse: (response: Response) => Response | Promise<Response>;
};

/**
 * Every URL Attest builds comes from PUBLIC_URL, never from what a request says about
 * itself. Next, Auth.js and the route handlers derive the request's origin from Host and
 * X-Forwarded-Host/-Proto/-Port, so those are overwritten with PUBLIC_URL's before anything
 * reads them: whatever a client or proxy sent (a loopback name, `evil.example`, a bad
 * value), the origin they see is the one people use, and Next's own server-action origin
 * check compares against it too.
 */
export function pinToPublicUrl(headers: IncomingMessage["headers"], publicUrl: URL): void {
  headers.host = publicUrl.host;
  headers["x-forwarded-host"] = publicUrl.host;
  headers["x-forwarded-proto"] = publicUrl.protocol.slice(0, -1);
  headers["x-forwarded-port"] = publicUrl.port || (publicUrl.protocol === "https:" ? "443" : "80");
  delete headers.forwarded;
}

let headersFor: { env: Env; headers: Record<string, string> } | null = null;
function securityHeaders(): Record<string, string> {
  const env = getEnv();
  if (headersFor?.env !== env) headersFor = { env, headers: runtimeSecurityHeaders(env) };
  return headersFor.headers;
}

/** The headers handed to a handler: as sent, but with the values pinned above (and no Forwarded). */
const PINNED = new Set(["host", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", CLIENT_ADDRESS_HEADER]);

function toRequest(request: IncomingMessage, publicUrl: URL, body: Buffer<ArrayBuffer> | undefined): Request {
  const pairs: [string, string][] = [];
  const raw = request.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) if (!PINNED.has(raw[index]!.toLowerCase())) pairs.push([raw[index]!, raw[index + 1]!]);
  for (const name of PINNED) {
    const value = request.headers[name];
    if (typeof value === "string") pairs.push([name, value]);
  }
  return new Request(`${publicUrl.protocol}//${publicUrl.host}${request.url ?? "/"}`, { method: request.method, headers: pairs, body });
}

/**
 * The body, read whole before the handler is called: a Buffer makes a Request without a
 * stream pipeline behind it, which costs more CPU than a machine route's own work. Reading
 * stops just past MAX_BODY_BYTES (or at once when Content-Length says more), so the handler's
 * own reader sees a body over the limit and answers 413; the rest is never read, and the
 * connection closes after that answer. Rejects when the client goes away mid-body.
 */
function readRequestBody(request: IncomingMessage, response: ServerResponse): Promise<Buffer<ArrayBuffer> | undefined> {
  if (request.method === "GET" || request.method === "HEAD") return Promise.resolve(undefined);
  const oversized = () => {
    response.setHeader("Connection", "close");
    request.pause();
  };
  if (Number(request.headers["content-length"] ?? "0") > MAX_BODY_BYTES) {
    oversized();
    return Promise.resolve(Buffer.alloc(0));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (settle: () => void) => {
      request.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      settle();
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_BODY_BYTES) done(() => (oversized(), resolve(Buffer.concat(chunks, size))));
    };
    const onEnd = () => done(() => resolve(Buffer.concat(chunks, size)));
    const onError = (error: Error) => done(() => reject(error));
    const onClose = () => done(() => reject(new Error("The client went away mid-body.")));
    request.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** How the server answers with an error: the envelope, signed like withPartner's answers on an OCN route. */
type Failure = (error: unknown, signed: boolean, headers?: HeadersInit) => Promise<Response>;

async function machineResponse(handler: MachineHandler, request: IncomingMessage, response: ServerResponse, publicUrl: URL, signed: boolean, failure: Failure): Promise<Response> {
  let body: Buffer<ArrayBuffer> | undefined;
  try {
    body = await readRequestBody(request, response);
  } catch {
    // As the handlers' own reader answers a body that could not be read: the client's fault, not a 500.
    return failure(new AppError("INVALID_REQUEST", "body: could not be read", { field: "body" }), signed);
  }
  let webRequest: Request;
  try {
    webRequest = toRequest(request, publicUrl, body);
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

export function createRequestListener(options: AttestServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { routes, ocnRoutes = OCN_MACHINE_ROUTES, signOcnResponse } = options;
  const failure: Failure = async (error, signed, headers) => {
    // Signed by whoever the server was handed (lib/machine-api.ts): this layer knows no OCN keys.
    const response = errorResponse(error, headers);
    return signed ? signOcnResponse(response) : response;
  };
  /** Last resort once an answer failed midway: an envelope if nothing was sent yet, else close. */
  const rescue = (response: ServerResponse, error: unknown, signed: boolean): void => {
    if (response.headersSent) return void response.destroy();
    failure(error, signed)
      .catch(() => errorResponse(error))
      .then((result) => send(response, result))
      .catch(() => response.destroy());
  };
  const routeKeys = Object.keys(routes);
  const machinePaths = new Set(routeKeys.map((route) => route.split(" ")[1]!));
  const templates = loadRouteTemplates(process.cwd(), [...machinePaths]);
  const track = (work: Promise<unknown>) => options.inFlight?.track(work);

  /** Hands the request to whoever answers it; returns the route template for the log. */
  const dispatch = (request: IncomingMessage, response: ServerResponse): string => {
    const { publicUrl, trustProxy } = getEnv();
    request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(request, trustProxy);
    pinToPublicUrl(request.headers, publicUrl);
    const method = request.method ?? "GET";
    let path: string;
    try {
      ({ path, url: request.url } = readTarget(request.url ?? "/"));
    } catch (error) {
      void send(response, errorResponse(error)).catch((failed) => rescue(response, failed, false));
      return INVALID_ROUTE;
    }
    if (isForeignFormPost({ method, path, headers: request.headers }, publicUrl.origin)) {
      void send(response, errorResponse(new AppError("FORBIDDEN", "Forms are accepted only from Attest's own pages."))).catch((error) => rescue(response, error, false));
      return routeTemplateOf(templates, path);
    }
    // HEAD is GET without the body (Node's response leaves it out), as Next answers it.
    const route = method === "HEAD" && !routes[`HEAD ${path}`] ? `GET ${path}` : `${method} ${path}`;
    const handler = routes[route];
    if (!handler) {
      const miss = nearMiss(method, path, routeKeys);
      if (miss) {
        const signed = [...ocnRoutes].some((ocnRoute) => ocnRoute.endsWith(` ${miss.canonical}`));
        track(
          failure(miss.error, signed, miss.allow ? { Allow: miss.allow } : undefined)
            .then((result) => send(response, result))
            .catch((error) => rescue(response, error, signed)),
        );
        return miss.canonical;
      }
      // Routes outside the page proxy (/api/*, /metadata.json, documents, /.well-known) get HSTS here;
      // Next keeps a header set before it answers, and pages set the same value again.
      const hsts = securityHeaders()["Strict-Transport-Security"];
      if (hsts) response.setHeader("Strict-Transport-Security", hsts);
      track(options.next(request, response).catch((error) => rescue(response, error, false)));
      return routeTemplateOf(templates, path);
    }
    const signed = ocnRoutes.has(route);
    track(
      machineResponse(handler, request, response, publicUrl, signed, failure)
        .then((result) => send(response, result))
        .catch((error) => rescue(response, error, signed)),
    );
    return path;
  };

  return (request, response) => {
    const startedAt = performance.now();
    const context: RequestContext = { requestId: requestIdOf(request.headers["x-request-id"]) };
    // Set before anyone answers, so it goes out with Next's responses as with ours.
    response.setHeader("X-Request-Id", context.requestId);
    const method = request.method ?? "GET";
    let route = INVALID_ROUTE;
    const { inFlight } = metrics();
    inFlight.inc();
    // A client that left before the answer was complete is logged as 499, as proxies do.
    response.once("close", () => {
      inFlight.dec();
      recordRequest({ context, method, route, status: response.writableFinished ? response.statusCode : 499, startedAt });
    });
    requestContextStore().run(context, () => {
      try {
        route = dispatch(request, response);
      } catch (error) {
        rescue(response, error, false);
      }
    });
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
  const context: RequestContext = { requestId: requestIdOf(undefined) };
  const headers = { ...securityHeaders(), "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)), "Cache-Control": "no-store", "X-Request-Id": context.requestId, Connection: "close" };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  socket.end(`HTTP/1.1 ${status} Bad Request\r\n${head}\r\n${text}`);
  recordRequest({ context, method: "-", route: INVALID_ROUTE, status, startedAt: performance.now() });
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
