import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { fetchIcon, fetchPartnerIcon, iconResponse, MAX_ICON_BYTES } from "@/lib/ocn/partner-icon";

/** Partners' icons are fetched by Attest, checked from their bytes, bounded, and cached. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const hits = new Map<string, number>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.startsWith("/icon.png")) return response.writeHead(200, { "Content-Type": "image/png" }).end(PNG);
    // Claims to be a PNG but is a page: the bytes decide.
    if (path === "/page") return response.writeHead(200, { "Content-Type": "image/png" }).end("<html><script>alert(1)</script></html>");
    if (path === "/huge") return response.writeHead(200, { "Content-Type": "image/png" }).end(Buffer.concat([Buffer.from(PNG), Buffer.alloc(MAX_ICON_BYTES)]));
    if (path === "/moved") return response.writeHead(302, { Location: "/icon.png" }).end();
    if (path === "/hang") return; // never answers
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("fetchIcon", () => {
  it("fetches an image and serves it with its sniffed type, sandboxed", async () => {
    const icon = await fetchIcon(`${base}/icon.png?a`);
    expect(icon?.type).toBe("image/png");
    expect([...icon!.bytes]).toEqual([...PNG]);
    const response = iconResponse(icon!);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("caches what it fetched", async () => {
    const url = `${base}/icon.png?cached`;
    await fetchIcon(url);
    await fetchIcon(url);
    expect(hits.get("/icon.png?cached")).toBe(1);
  });

  it.each([
    ["a page that claims to be an image", "/page"],
    ["a file over the size limit", "/huge"],
    ["a redirect", "/moved"],
    ["a missing file", "/missing"],
  ])("refuses %s", async (_name, path) => {
    expect(await fetchIcon(`${base}${path}`)).toBeNull();
  });

  it("gives up on a host that does not answer, within its timeout", async () => {
    const started = Date.now();
    expect(await fetchIcon(`${base}/hang`)).toBeNull();
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("fetches only over https, or http to loopback", async () => {
    expect(await fetchIcon("http://icons.example/icon.png")).toBeNull();
    expect(await fetchIcon("ftp://127.0.0.1/icon.png")).toBeNull();
  });
});

describe("fetchPartnerIcon: which icons Attest fetches at all", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, ATTEST_ENV: process.env.ATTEST_ENV, OCN_OCID: process.env.OCN_OCID };
  let tcp: TcpServer;
  let tcpPort = 0;
  let connections = 0;
  beforeAll(async () => {
    // Stands in for an internal service: counts connections, so a refusal is seen to attempt none.
    tcp = createTcpServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
    tcpPort = (tcp.address() as AddressInfo).port;
  });
  afterAll(() => tcp.close());
  afterEach(() => {
    const env = process.env as Record<string, string | undefined>;
    for (const [name, value] of Object.entries(saved)) if (value === undefined) delete env[name]; else env[name] = value;
    resetEnvForTests();
  });

  const partner = (metadataUrl: string, icon: string, endpoint = "https://gateway.example") =>
    ({ metadataUrl, metadata: { icon, config: { endpoint } } }) as unknown as Parameters<typeof fetchPartnerIcon>[0];

  it("fetches the icon from the metadata's host", async () => {
    const icon = await fetchPartnerIcon(partner(`${base}/metadata.json`, `${base}/icon.png?own-host`));
    expect(icon?.type).toBe("image/png");
  });

  it("does not fetch an icon from a host other than the metadata's or the endpoint's", async () => {
    expect(await fetchPartnerIcon(partner(`${base}/metadata.json`, `http://127.0.0.1:${tcpPort}/internal/secret.svg`))).toBeNull();
    expect(connections).toBe(0);
  });

  it("in production, refuses an icon on an internal address even over https and on the metadata's own host", async () => {
    Object.assign(process.env, { NODE_ENV: "production", ATTEST_ENV: "production", OCN_OCID: "540" });
    resetEnvForTests();
    const internal = `https://127.0.0.1:${tcpPort}`;
    expect(await fetchPartnerIcon(partner(`${internal}/metadata.json`, `${internal}/internal/secret.svg`))).toBeNull();
    expect(await fetchPartnerIcon(partner("https://gateway.example/metadata.json", `https://localhost:${tcpPort}/x.svg`, `https://localhost:${tcpPort}`))).toBeNull();
    expect(connections).toBe(0);
  });
});
