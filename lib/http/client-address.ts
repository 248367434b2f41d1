import type { IncomingMessage } from "node:http";

/**
 * The client's address, for rate limits and the audit log. The server (attest-server.ts)
 * decides it once per request from the socket, or, with TRUST_PROXY, from the
 * X-Forwarded-For entry the nearest proxy appended, and passes it on in this header after
 * dropping any copy the client sent, so code behind it never parses forwarding headers.
 */
export const CLIENT_ADDRESS_HEADER = "x-attest-client-address";

/** The address in the header the server set; null outside a request that went through it. */
export function clientAddress(headers: Pick<Headers, "get">): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER);
}

/**
 * X-Forwarded-For is a list each proxy appends to: only its last entry was written by
 * the proxy we trust; everything before it came from the client.
 */
export function resolveClientAddress(request: Pick<IncomingMessage, "headers" | "socket">, trustProxy: boolean): string {
  const socketAddress = (request.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
  if (!trustProxy) return socketAddress;
  const forwarded = request.headers["x-forwarded-for"];
  const list = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",").map((entry) => entry.trim()).filter(Boolean);
  return list.at(-1)?.replace(/^::ffff:/, "") ?? socketAddress;
}

/** 127.0.0.0/8 and ::1: a client on this machine. */
export function isLoopbackAddress(address: string): boolean {
  return /^127(?:\.\d{1,3}){3}$/.test(address) || address === "::1";
}
