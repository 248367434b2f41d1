import "server-only";

import { eq } from "drizzle-orm";
import { z } from "zod";

import type { DbOrTx } from "@/lib/db/client";
import { partners } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from "@/lib/http/rate-limiter";
import { readCapped } from "@/lib/http/read-capped";
import { ITEMS, isItem, type Item } from "@/lib/kyc/items";
import { processCache } from "@/lib/ocn/bounded-cache";
import { metadataSchema, verifyMetadataSignature, type OcnMetadata } from "@/lib/ocn/metadata";

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

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** HTTPS only; plain HTTP only to loopback hosts, and never in production. */
export function isAllowedMetadataUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && !getEnv().production && LOOPBACK.test(url.hostname);
}

/** The body as JSON, read no further than MAX_METADATA_BYTES: the other side decides how much it sends. */
async function readJson(response: Response): Promise<unknown> {
  const bytes = await readCapped(response.body, MAX_METADATA_BYTES, response.headers.get("content-length"));
  if (!bytes) throw new Error("too large");
  return JSON.parse(new TextDecoder().decode(bytes));
}

async function fetchJson(url: string): Promise<unknown> {
  if (!isAllowedMetadataUrl(url)) throw new Error("metadata URL must be https");
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`metadata answered ${response.status}`);
  return readJson(response);
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
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

const indexAnswer = z.object({ metadataUrl: z.string() });

async function lookUpIndex(ocid: number): Promise<string | null> {
  const { ocnIndexUrl } = getEnv();
  if (!ocnIndexUrl) return null;
  const cached = indexCache.get(ocid);
  if (cached && cached.until > Date.now()) return cached.value;
  let metadataUrl: string | null = null;
  try {
    const response = await fetch(`${ocnIndexUrl.replace(/\/$/, "")}/ocid/${ocid}`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
    if (response.ok) metadataUrl = indexAnswer.parse(await readJson(response)).metadataUrl;
  } catch {
    metadataUrl = null;
  }
  indexCache.set(ocid, { value: metadataUrl, until: Date.now() + CACHE_MS });
  return metadataUrl;
}

/**
 * A registered partner, or one the OCN index knows; null when neither. `recent` accepts an
 * answer read in the last second (see rowCache); without it the row is read now.
 */
export async function findPartner(db: DbOrTx, ocid: number, options: { recent?: boolean } = {}): Promise<Partner | null> {
  const cached = options.recent ? rowCache.get(ocid) : undefined;
  if (cached && cached.until > Date.now()) return cached.value;
  const partner = await readPartner(db, ocid);
  rowCache.set(ocid, { value: partner, until: Date.now() + ROW_CACHE_MS });
  return partner;
}

/** Staff changed this partner: the next request reads it afresh. */
export function forgetPartner(ocid: number): void {
  rowCache.delete(ocid);
}

async function readPartner(db: DbOrTx, ocid: number): Promise<Partner | null> {
  const [row] = await db.select().from(partners).where(eq(partners.ocid, ocid));
  if (row) return fromRow(row);
  const metadataUrl = await lookUpIndex(ocid);
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
    rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
  };
}

/**
 * The partner with its verified metadata. UNKNOWN_OCID when nobody knows it,
 * METADATA_UNAVAILABLE when its metadata cannot be trusted.
 */
export async function resolvePartner(db: DbOrTx, ocid: number, options: { recent?: boolean } = {}): Promise<ResolvedPartner> {
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
