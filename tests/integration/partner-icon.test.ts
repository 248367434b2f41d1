import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fetchPartnerIcon, iconResponse, MAX_ICON_BYTES } from "@/lib/ocn/partner-icon";

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

describe("fetchPartnerIcon", () => {
  it("fetches an image and serves it with its sniffed type, sandboxed", async () => {
    const icon = await fetchPartnerIcon(`${base}/icon.png?a`);
    expect(icon?.type).toBe("image/png");
    expect([...icon!.bytes]).toEqual([...PNG]);
    const response = iconResponse(icon!);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("caches what it fetched", async () => {
    const url = `${base}/icon.png?cached`;
    await fetchPartnerIcon(url);
    await fetchPartnerIcon(url);
    expect(hits.get("/icon.png?cached")).toBe(1);
  });

  it.each([
    ["a page that claims to be an image", "/page"],
    ["a file over the size limit", "/huge"],
    ["a redirect", "/moved"],
    ["a missing file", "/missing"],
  ])("refuses %s", async (_name, path) => {
    expect(await fetchPartnerIcon(`${base}${path}`)).toBeNull();
  });

  it("gives up on a host that does not answer, within its timeout", async () => {
    const started = Date.now();
    expect(await fetchPartnerIcon(`${base}/hang`)).toBeNull();
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("fetches only over https, or http to loopback", async () => {
    expect(await fetchPartnerIcon("http://icons.example/icon.png")).toBeNull();
    expect(await fetchPartnerIcon("ftp://127.0.0.1/icon.png")).toBeNull();
  });
});
