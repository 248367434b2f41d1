import "server-only";

import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";

import ipaddr from "ipaddr.js";

import { getEnv } from "@/lib/env";
import { isSecureTransport } from "@/lib/security/transport";

/**
 * Every request Attest makes to an address someone else chose (partner metadata, OCN index
 * look-ups, partner icons, webhooks) goes through here. A partner or index controls the
 * URL, so without this it could make Attest fetch its own internal services, the cloud
 * metadata service, or anything else only Attest can reach, and read the answer back.
 *
 * The name is resolved once, every address it has is checked, and the connection goes to
 * the address that was checked (TLS SNI and Host stay the name): a name that resolves to a
 * public address for the check and a private one for the connection (DNS rebinding) gets
 * nowhere. Redirects are never followed, and the answer is bounded in size and time.
 */
export class OutboundRefused extends Error {
  constructor(reason: string) {
    super(`outbound request refused: ${reason}`);
    this.name = "OutboundRefused";
  }
}

export type OutboundResponse = { status: number; ok: boolean; headers: Headers; body: Uint8Array };

export type OutboundRequest = {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The whole exchange, connection to last byte. */
  timeoutMs: number;
  maxBytes: number;
  /** Name resolution; tests stand in for DNS with it. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
};

/** Whether `url` is one Attest may fetch at all: https, or http to a loopback name outside production. */
export function isAllowedOutboundUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return isSecureTransport(url, getEnv().production);
}

/**
 * Whether Attest may connect to `address`: only globally routed unicast, plus loopback
 * outside production. ipaddr.js names every special range (private, loopback, link-local
 * with the 169.254.169.254 metadata service, unique-local with fd00:ec2::254, multicast,
 * unspecified, carrier-grade NAT, reserved, and the IPv6 forms that embed an IPv4 address);
 * anything but "unicast" is refused.
 */
export function isAllowedAddress(address: string, { allowLoopback = !getEnv().production }: { allowLoopback?: boolean } = {}): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address it carries.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === "unicast" || (allowLoopback && range === "loopback");
}

async function systemResolve(hostname: string): Promise<{ address: string; family: number }[]> {
  return dnsLookup(hostname, { all: true, verbatim: true });
}

/** The one address to connect to, every address of the name having been checked. */
async function checkedAddress(url: URL, resolve: NonNullable<OutboundRequest["resolve"]>): Promise<{ address: string; family: number }> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string; family: number }[];
  if (isIP(hostname)) addresses = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch {
      throw new OutboundRefused("the name does not resolve");
    }
  }
  if (addresses.length === 0) throw new OutboundRefused("the name does not resolve");
  // One internal address among public ones is enough to refuse: which one a client picks is not ours to guess.
  if (!addresses.every(({ address }) => isAllowedAddress(address))) throw new OutboundRefused("the address is not public");
  return addresses[0]!;
}

/**
 * Fetches `url` under the rules above. Throws OutboundRefused before any connection when the
 * URL or its addresses are not allowed, and an Error when the exchange fails, times out or
 * the answer passes `maxBytes`. A redirect comes back as its 3xx status, not followed.
 */
export async function fetchOutbound(value: string, options: OutboundRequest): Promise<OutboundResponse> {
  if (!isAllowedOutboundUrl(value)) throw new OutboundRefused("https only");
  const url = new URL(value);
  const signal = AbortSignal.timeout(options.timeoutMs);
  const target = await Promise.race([
    checkedAddress(url, options.resolve ?? systemResolve),
    new Promise<never>((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("timed out")), { once: true })),
  ]);
  // Connect to the checked address whatever the name would resolve to now.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const body = typeof options.body === "string" ? Buffer.from(options.body) : options.body;
  const client = url.protocol === "https:" ? https : http;

  return new Promise<OutboundResponse>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: options.method ?? "GET",
        headers: { ...options.headers, ...(body ? { "Content-Length": String(body.byteLength) } : {}) },
        lookup: pinned,
        // A fresh connection every time: a pooled socket could have been opened to another address.
        agent: false,
        signal,
      },
      (response) => {
        const declared = Number(response.headers["content-length"]);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          reject(new Error("answer too large"));
          return response.destroy();
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > options.maxBytes) {
            reject(new Error("answer too large"));
            return request.destroy();
          }
          chunks.push(chunk);
        });
        response.on("end", () => {
          const headers = new Headers();
          for (const [name, header] of Object.entries(response.headers)) {
            for (const one of Array.isArray(header) ? header : header === undefined ? [] : [header]) headers.append(name, one);
          }
          const status = response.statusCode ?? 0;
          resolve({ status, ok: status >= 200 && status < 300, headers, body: new Uint8Array(Buffer.concat(chunks)) });
        });
        response.on("error", reject);
        response.on("aborted", () => reject(new Error("answer cut short")));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
