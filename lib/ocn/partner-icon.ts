import "server-only";

import { BoundedCache } from "@/lib/state/bounded-cache";
import type { ResolvedPartner } from "@/lib/ocn/partners";
import { fetchOutbound } from "@/lib/security/outbound-fetch";

/**
 * A partner's icon (metadata `icon`), fetched by Attest and served from Attest's own
 * origin. The person's browser never contacts the partner, so the partner cannot tell who
 * opened a consent page, and the page's CSP can keep images to 'self'.
 */
export type PartnerIcon = { bytes: Uint8Array; type: IconType };
type IconType = "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "image/svg+xml";

export const MAX_ICON_BYTES = 256 * 1024;
// Shorter than the metadata's 5 s: the consent page waits for it, and an icon is cosmetic.
const FETCH_TIMEOUT_MS = 2_000;
const CACHE_MS = 5 * 60 * 1000;
// A failed fetch is remembered too, briefly, so a dead icon host does not slow every page.
const FAILURE_CACHE_MS = 30 * 1000;

const cache = new BoundedCache<string, { icon: PartnerIcon | null; until: number }>(500);

const MAGIC: { type: IconType; bytes: number[]; at?: number }[] = [
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/gif", bytes: [0x47, 0x49, 0x46, 0x38] }, // "GIF8"
  { type: "image/webp", bytes: [0x57, 0x45, 0x42, 0x50], at: 8 }, // "WEBP" after the RIFF header
];

/** The icon's type from its bytes, never from the partner's Content-Type; null when it is not an image we serve. */
export function sniffIconType(bytes: Uint8Array): IconType | null {
  for (const { type, bytes: magic, at = 0 } of MAGIC) {
    if (bytes.length >= at + magic.length && magic.every((byte, i) => bytes[at + i] === byte)) return type;
  }
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 1024)).trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return "image/svg+xml";
  return null;
}

async function download(url: string): Promise<PartnerIcon | null> {
  try {
    const response = await fetchOutbound(url, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_ICON_BYTES, headers: { Accept: "image/*" } });
    if (!response.ok || response.body.byteLength === 0) return null;
    const type = sniffIconType(response.body);
    return type ? { bytes: response.body, type } : null;
  } catch {
    return null;
  }
}

/**
 * The partner's icon URL when Attest may fetch it: only from the host its verified metadata
 * was served from or its endpoint's, never a third host the metadata happens to name.
 */
export function partnerIconUrl(partner: Pick<ResolvedPartner, "metadataUrl" | "metadata">): string | null {
  const icon = partner.metadata.icon;
  if (!icon) return null;
  const hosts = [new URL(partner.metadataUrl).host, new URL(partner.metadata.config.endpoint).host];
  return hosts.includes(new URL(icon).host) ? icon : null;
}

/** The partner's icon, or null when it has none Attest may fetch, or it cannot be had; cached either way. */
export async function fetchPartnerIcon(partner: Pick<ResolvedPartner, "metadataUrl" | "metadata">): Promise<PartnerIcon | null> {
  const url = partnerIconUrl(partner);
  return url ? fetchIcon(url) : null;
}

/** The icon at `url`, or null when it cannot be had or is not an image; cached either way. */
export async function fetchIcon(url: string): Promise<PartnerIcon | null> {
  const cached = cache.get(url);
  if (cached && cached.until > Date.now()) return cached.icon;
  const icon = await download(url);
  cache.set(url, { icon, until: Date.now() + (icon ? CACHE_MS : FAILURE_CACHE_MS) });
  return icon;
}

/** How Attest serves an icon: its sniffed type, and for SVG no script, ever, even opened directly. */
export function iconResponse(icon: PartnerIcon): Response {
  return new Response(Buffer.from(icon.bytes), {
    headers: {
      "Content-Type": icon.type,
      "Content-Length": String(icon.bytes.byteLength),
      "Cache-Control": "public, max-age=300",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
