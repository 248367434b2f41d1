import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { fetchOutbound, isAllowedAddress, OutboundRefused } from "@/lib/security/outbound-fetch";

/**
 * Outbound requests reach only public addresses (loopback too outside production), connect
 * to the address that was checked, follow no redirect and stop at their size and time caps.
 * Local servers on loopback stand in for the internal services an attacker would aim at.
 */
let web: Server;
let webPort = 0;
const seen: { host?: string; path?: string }[] = [];
let tcp: TcpServer;
let tcpPort = 0;
let connections = 0;

function listen(server: Server | TcpServer, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  web = createServer((request, response) => {
    seen.push({ host: request.headers.host, path: request.url });
    if (request.url === "/moved") return response.writeHead(302, { Location: "/secret" }).end();
    if (request.url === "/big") return response.writeHead(200).end(Buffer.alloc(4096));
    if (request.url === "/hang") return;
    response.writeHead(200, { "Content-Type": "text/plain" }).end("internal secret");
  });
  // 127.0.0.2: only a connection to the address the resolver gave can reach it.
  webPort = await listen(web, "127.0.0.2");
  // Counts TCP connections, so "refused" means nothing was even attempted (https included).
  tcp = createTcpServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  tcpPort = await listen(tcp, "127.0.0.1");
});

afterAll(() => {
  web.closeAllConnections();
  web.close();
  tcp.close();
});

const saved = { NODE_ENV: process.env.NODE_ENV, ATTEST_ENV: process.env.ATTEST_ENV, OCN_OCID: process.env.OCN_OCID };
function production(on: boolean) {
  const env = process.env as Record<string, string | undefined>;
  if (on) Object.assign(env, { NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540" });
  else for (const [name, value] of Object.entries(saved)) if (value === undefined) delete env[name]; else env[name] = value;
  resetEnvForTests();
}
afterEach(() => production(false));

const toLoopback2 = async () => [{ address: "127.0.0.2", family: 4 }];
const options = { timeoutMs: 2_000, maxBytes: 1024 };

describe("isAllowedAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["::1", "IPv6 loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "the cloud metadata service (link-local)"],
    ["fd00:ec2::254", "the EC2 IPv6 metadata service (unique-local)"],
    ["fe80::1", "IPv6 link-local"],
    ["fc00::1", "unique-local"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "IPv6 multicast"],
    ["0.0.0.0", "unspecified"],
    ["::", "IPv6 unspecified"],
    ["100.100.100.200", "carrier-grade NAT (another cloud's metadata service)"],
    ["::ffff:10.0.0.1", "a private address in IPv6 clothing"],
    ["::ffff:127.0.0.1", "loopback in IPv6 clothing"],
    ["64:ff9b::a00:1", "NAT64 of a private address"],
    ["2002:a00:1::", "6to4 of a private address"],
    ["255.255.255.255", "broadcast"],
    ["not an address", "garbage"],
  ])("refuses %s (%s) in production", (address) => {
    expect(isAllowedAddress(address, { allowLoopback: false })).toBe(false);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])("allows the public address %s", (address) => {
    expect(isAllowedAddress(address, { allowLoopback: false })).toBe(true);
  });

  it("allows loopback only outside production", () => {
    expect(isAllowedAddress("127.0.0.1")).toBe(true);
    production(true);
    expect(isAllowedAddress("127.0.0.1")).toBe(false);
    expect(isAllowedAddress("::1")).toBe(false);
  });
});

describe("fetchOutbound", () => {
  it("refuses https to a loopback service in production without connecting", async () => {
    production(true);
    for (const url of [`https://127.0.0.1:${tcpPort}/internal/secret.svg`, `https://localhost:${tcpPort}/`, `https://[::ffff:127.0.0.1]:${tcpPort}/`]) {
      await expect(fetchOutbound(url, options)).rejects.toBeInstanceOf(OutboundRefused);
    }
    expect(connections).toBe(0);
  });

  it("refuses a name with any internal address, and one that does not resolve, before connecting", async () => {
    const mixed = async () => [{ address: "93.184.215.14", family: 4 }, { address: "10.0.0.7", family: 4 }];
    await expect(fetchOutbound("https://partner.test/metadata.json", { ...options, resolve: mixed })).rejects.toBeInstanceOf(OutboundRefused);
    const metadataService = async () => [{ address: "169.254.169.254", family: 4 }];
    await expect(fetchOutbound("https://partner.test/", { ...options, resolve: metadataService })).rejects.toBeInstanceOf(OutboundRefused);
    const nothing = async () => [];
    await expect(fetchOutbound("https://partner.test/", { ...options, resolve: nothing })).rejects.toBeInstanceOf(OutboundRefused);
  });

  it("refuses plain http except to loopback names outside production, and credentials in URLs", async () => {
    await expect(fetchOutbound("http://partner.test/", { ...options, resolve: toLoopback2 })).rejects.toBeInstanceOf(OutboundRefused);
    await expect(fetchOutbound(`http://user:pw@localhost:${webPort}/`, { ...options, resolve: toLoopback2 })).rejects.toBeInstanceOf(OutboundRefused);
    production(true);
    await expect(fetchOutbound(`http://localhost:${webPort}/`, { ...options, resolve: toLoopback2 })).rejects.toBeInstanceOf(OutboundRefused);
  });

  it("connects to the address it checked, keeping the name in Host (no second resolution)", async () => {
    // The system resolver says localhost is 127.0.0.1, where nothing listens on this port.
    seen.length = 0;
    const response = await fetchOutbound(`http://localhost:${webPort}/secret`, { ...options, resolve: toLoopback2 });
    expect(response.status).toBe(200);
    expect(new TextDecoder().decode(response.body)).toBe("internal secret");
    expect(seen).toEqual([{ host: `localhost:${webPort}`, path: "/secret" }]);
  });

  it("returns a redirect without following it", async () => {
    seen.length = 0;
    const response = await fetchOutbound(`http://localhost:${webPort}/moved`, { ...options, resolve: toLoopback2 });
    expect(response.status).toBe(302);
    expect(response.ok).toBe(false);
    expect(seen.map(({ path }) => path)).toEqual(["/moved"]);
  });

  it("stops at the size cap and the time cap", async () => {
    await expect(fetchOutbound(`http://localhost:${webPort}/big`, { ...options, resolve: toLoopback2 })).rejects.toThrow(/too large/);
    const started = Date.now();
    await expect(fetchOutbound(`http://localhost:${webPort}/hang`, { timeoutMs: 300, maxBytes: 1024, resolve: toLoopback2 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
