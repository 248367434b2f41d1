import "server-only";

import { eq } from "drizzle-orm";
import { z } from "zod";

import type { DbOrTx } from "@/lib/db/client";
import { partners } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from "@/lib/http/rate-limiter";
import { ITEMS, isItem, type Item } from "@/lib/items/items";
import { processCache } from "@/lib/state/bounded-cache";
import { metadataSchema, verifyMetadataSignature, type OcnMetadata } from "@/lib/ocn/metadata";
import { fetchOutbound, isAllowedOutboundUrl } from "@/lib/security/outbound-fetch";
import { takeRateLimit } from "@/lib/security/rate-limit";

/**
 * Who a partner is (SPEC §2 "Partner resolution"): registered by staff, or
 * found through the OCN index when OCN_INDEX_URL is set. Its metadata is
 * fetched, schema-checked and its config signature verified before its
 * public key is trusted; good metadata is cached for five minutes.
 */
export type Partner = {
  ocid: number;
  name: string;
  status: "active" | "suspended";
  source: "registered" | "index";
  metadataUrl: string;
  /** Origins a consent decision may be sent back to; by default the origin of config.endpoint. */
  callbackOrigins: string[];
  allowedGrants: Item[];
  fullDocumentNumbers: boolean;
  retentionNote: string | null;
  /** Why it asks for an item, when staff recorded it. */
  itemPurposes: Partial<Record<Item, string>>;
  /** Requests per minute on the OCN routes (lib/http/rate-limiter.ts). */
  rateLimitPerMinute: number;
};

export type ResolvedPartner = Partner & {
  metadata: OcnMetadata;
  publicKey: string;
  /** Host the metadata was served from: the domain the consent page shows as verified. */
  domain: string;
};

const FETCH_TIMEOUT_MS = 5_000;
const CACHE_MS = 5 * 60 * 1000;
const MAX_METADATA_BYTES = 64 * 1024;

// Any caller can name any OCID, so the index answers (misses included) are bounded like
// the metadata: a stream of made-up OCIDs costs lookups, never unbounded memory.
const CACHE_ENTRIES = 10_000;

type Cached<T> = { value: T; until: number };
const metadataCache = processCache<string, Cached<OcnMetadata>>("partner-metadata", CACHE_ENTRIES);
const indexCache = processCache<number, Cached<string | null>>("partner-index", CACHE_ENTRIES);
// Partner rows as request authentication reads them. Without this every signed request
// spends a database round trip on a row that changes a few times a year; with it a
// suspension or a narrowed grant list reaches every instance within a second, and the
// instance that made the change at once (forgetPartner).
const ROW_CACHE_MS = 1_000;
const rowCache = processCache<number, Cached<Partner | null>>("partner-rows", CACHE_ENTRIES);

/** HTTPS only; plain HTTP only to loopback hosts, and never in production. */
export function isAllowedMetadataUrl(value: string): boolean {
  return isAllowedOutboundUrl(value);
}

/** The answer as JSON, read no further than MAX_METADATA_BYTES, from an address Attest may reach. */
async function fetchJson(url: string): Promise<unknown> {
  const response = await fetchOutbound(url, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_METADATA_BYTES, headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`answered ${response.status}`);
  return JSON.parse(new TextDecoder().decode(response.body));
}

/** Fetches, checks and verifies an entity's metadata; throws METADATA_UNAVAILABLE when any step fails. */
export async function fetchPartnerMetadata(metadataUrl: string, options: { fresh?: boolean } = {}): Promise<OcnMetadata> {
  const cached = metadataCache.get(metadataUrl);
  if (!options.fresh && cached && cached.until > Date.now()) return cached.value;
  let metadata: OcnMetadata;
  try {
    metadata = metadataSchema.parse(await fetchJson(metadataUrl));
  } catch {
    throw new AppError("METADATA_UNAVAILABLE", "The partner's metadata could not be fetched or is malformed.");
  }
  if (!verifyMetadataSignature(metadata)) {
    throw new AppError("METADATA_UNAVAILABLE", "The partner's metadata signature does not verify.");
  }
  metadataCache.set(metadataUrl, { value: metadata, until: Date.now() + CACHE_MS });
  return metadata;
}

export function forgetPartnerMetadata(metadataUrl: string): void {
  metadataCache.delete(metadataUrl);
}

function fromRow(row: typeof partners.$inferSelect): Partner {
  return {
    ocid: row.ocid,
    name: row.name,
    status: row.status,
    source: row.source,
    metadataUrl: row.metadataUrl,
    callbackOrigins: row.callbackOrigins,
    allowedGrants: row.allowedGrants ? row.allowedGrants.filter(isItem) : [...ITEMS],
    fullDocumentNumbers: row.fullDocumentNumbers,
    retentionNote: row.retentionNote,
    itemPurposes: Object.fromEntries(Object.entries(row.itemPurposes).filter(([item]) => isItem(item))),
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

const indexAnswer = z.object({ metadataUrl: z.string() });

// Anyone can name an OCID, so look-ups are bounded per OCID (a legitimate partner needs about
// one per instance per cache period) and in all (made-up OCIDs are each new).
const INDEX_LIMIT_PER_OCID = { limit: 10, windowMs: CACHE_MS };
const INDEX_LIMIT_ALL = { limit: 300, windowMs: 60 * 1000 };

function cachedIndexAnswer(ocid: number): string | null {
  const cached = indexCache.get(ocid);
  return cached && cached.until > Date.now() ? cached.value : null;
}

async function lookUpIndex(db: DbOrTx, ocid: number): Promise<string | null> {
  const { ocnIndexUrl } = getEnv();
  if (!ocnIndexUrl) return null;
  const cached = indexCache.get(ocid);
  if (cached && cached.until > Date.now()) return cached.value;
  // Over a limit is a miss for now, not remembered: the partner is found once the window passes.
  if (!(await takeRateLimit(db, `ocn-index:${ocid}`, INDEX_LIMIT_PER_OCID)).allowed) return null;
  if (!(await takeRateLimit(db, "ocn-index", INDEX_LIMIT_ALL)).allowed) return null;
  let metadataUrl: string | null = null;
  try {
    metadataUrl = indexAnswer.parse(await fetchJson(`${ocnIndexUrl.replace(/\/$/, "")}/ocid/${ocid}`)).metadataUrl;
  } catch {
    metadataUrl = null;
  }
  indexCache.set(ocid, { value: metadataUrl, until: Date.now() + CACHE_MS });
  return metadataUrl;
}

type FindOptions = {
  /** Accept an answer read in the last second (see rowCache); without it the row is read now. */
  recent?: boolean;
  /**
   * "look-up" may ask the OCN index about an OCID nobody registered; "cached" (the default)
   * only uses an answer it gave before. Only callers that checked something first (a
   * well-formed signed request, a person at the consent page) may make Attest ask.
   */
  index?: "look-up" | "cached";
};

/** A registered partner, or one the OCN index knows; null when neither. */
export async function findPartner(db: DbOrTx, ocid: number, options: FindOptions = {}): Promise<Partner | null> {
  const cached = options.recent ? rowCache.get(ocid) : undefined;
  if (cached && cached.until > Date.now()) return cached.value;
  const partner = await readPartner(db, ocid, options.index ?? "cached");
  // A miss without a look-up says nothing about the index: remember only real answers.
  if (partner || options.index === "look-up" || !getEnv().ocnIndexUrl) rowCache.set(ocid, { value: partner, until: Date.now() + ROW_CACHE_MS });
  return partner;
}

/** Staff changed this partner: the next request reads it afresh. */
export function forgetPartner(ocid: number): void {
  rowCache.delete(ocid);
}

async function readPartner(db: DbOrTx, ocid: number, index: "look-up" | "cached"): Promise<Partner | null> {
  const [row] = await db.select().from(partners).where(eq(partners.ocid, ocid));
  if (row) return fromRow(row);
  const metadataUrl = index === "look-up" ? await lookUpIndex(db, ocid) : cachedIndexAnswer(ocid);
  if (!metadataUrl) return null;
  return {
    ocid,
    name: `OCID ${ocid}`,
    status: "active",
    source: "index",
    metadataUrl,
    callbackOrigins: [],
    allowedGrants: [...ITEMS],
    fullDocumentNumbers: false,
    retentionNote: null,
    itemPurposes: {},
    rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
  };
}

/**
 * The partner with its verified metadata. UNKNOWN_OCID when nobody knows it,
 * METADATA_UNAVAILABLE when its metadata cannot be trusted.
 */
export async function resolvePartner(db: DbOrTx, ocid: number, options: FindOptions = {}): Promise<ResolvedPartner> {
  const partner = await findPartner(db, ocid, options);
  if (!partner) throw new AppError("UNKNOWN_OCID", "The calling OCID is not a known partner.");
  const metadata = await fetchPartnerMetadata(partner.metadataUrl);
  const endpointOrigin = new URL(metadata.config.endpoint).origin;
  return {
    ...partner,
    name: partner.source === "index" ? metadata.name : partner.name,
    callbackOrigins: partner.callbackOrigins.length > 0 ? partner.callbackOrigins : [endpointOrigin],
    metadata,
    publicKey: metadata.config.publicKey,
    domain: new URL(partner.metadataUrl).host,
  };
}
