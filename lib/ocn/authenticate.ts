import "server-only";

import { getDb, type Db } from "@/lib/db/client";
import { publicPath } from "@/lib/env";
import { AppError, logUnexpected, toErrorBody } from "@/lib/http/errors";
import { parseJsonBytes, readBody } from "@/lib/http/json-body";
import { enforceRateLimit } from "@/lib/http/rate-limiter";
import { notePrincipal } from "@/lib/http/request-context";
import { OCN_HEADERS, requestMessage, responseMessage } from "@/lib/ocn/messages";
import { claimNonce, nonceReused, type NonceClaim } from "@/lib/ocn/nonces";
import { resolvePartner, type ResolvedPartner } from "@/lib/ocn/partners";
import { providerOcid } from "@/lib/ocn/provider";
import { isWellFormedSignature, sha256Hex, signMessage, verifyMessage } from "@/lib/ocn/secp256k1";
import { getKeys } from "@/lib/keys";

/**
 * The OCN trust level (SPEC §2): a route wrapped in withPartner runs only for a partner
 * whose signed, fresh, never-replayed request checked out, and every answer it gives,
 * errors included, is signed by this provider.
 */
export const TIMESTAMP_WINDOW_SECONDS = 300;

export type PartnerRequest = {
  request: Request;
  partner: ResolvedPartner;
  db: Db;
  /** The raw body bytes the signature covered. */
  body: Uint8Array;
  /** Already claimed, unless the route asked to claim it in its first statement (see withPartner). */
  nonce: NonceClaim;
};

export type PartnerHandler = (context: PartnerRequest) => Promise<Response>;

const OCID = /^[1-9][0-9]{0,9}$/;
const MAX_OCID = 2_147_483_647; // the integer column partners and nonces are keyed by
const TIMESTAMP = /^[0-9]{1,12}$/;
// Printable ASCII without spaces: survives every proxy unchanged and cannot break a line.
const NONCE = /^[\x21-\x7e]{1,128}$/;

type SignedHeaders = { ocid: number; ocidText: string; timestamp: string; nonce: string; signature: string };

function readHeaders(request: Request): SignedHeaders {
  const ocidText = request.headers.get(OCN_HEADERS.id)?.trim() ?? "";
  const timestamp = request.headers.get(OCN_HEADERS.timestamp)?.trim() ?? "";
  const nonce = request.headers.get(OCN_HEADERS.nonce)?.trim() ?? "";
  const signature = request.headers.get(OCN_HEADERS.signature)?.trim() ?? "";
  const ocid = Number(ocidText);
  if (!OCID.test(ocidText) || ocid > MAX_OCID || !TIMESTAMP.test(timestamp) || !NONCE.test(nonce) || !isWellFormedSignature(signature)) {
    throw new AppError("INVALID_SIGNATURE", "The X-OC-ID, X-OC-Timestamp, X-OC-Nonce and X-OC-Signature headers are required and well-formed.");
  }
  return { ocid, ocidText, timestamp, nonce, signature };
}

/**
 * The request target exactly as the request URL carries it. When a reverse proxy strips
 * PUBLIC_URL's path prefix before it reaches us, the caller still signed it with the prefix.
 */
export function signedPathOf(requestUrl: string): string {
  const target = requestUrl.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, "") || "/";
  const prefix = publicPath("");
  if (prefix && target !== prefix && !target.startsWith(`${prefix}/`) && !target.startsWith(`${prefix}?`)) {
    return prefix + target;
  }
  return target;
}

/**
 * The SPEC §2 checks, in the SPEC's order; throws the first AppError that applies. The
 * nonce, checked last, is claimed here unless `claimNonceNow` is false.
 */
async function authenticate(request: Request, db: Db, claimNonceNow: boolean): Promise<{ partner: ResolvedPartner; body: Uint8Array; nonce: NonceClaim }> {
  const headers = readHeaders(request);
  const now = Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(headers.timestamp)) > TIMESTAMP_WINDOW_SECONDS) {
    throw new AppError("TIMESTAMP_EXPIRED", `X-OC-Timestamp is more than ${TIMESTAMP_WINDOW_SECONDS} seconds from now.`);
  }
  // Only now, with well-formed headers and a fresh timestamp, may an unknown OCID cost an index look-up.
  const partner = await resolvePartner(db, headers.ocid, { recent: true, index: "look-up" });
  if (partner.status === "suspended") throw new AppError("CONNECTION_REFUSED", "This partner's connection is suspended.");

  // Read only now: an unknown or suspended caller never gets us to buffer its body.
  const body = await readBody(request);
  const message = requestMessage({
    ocid: headers.ocidText,
    timestamp: headers.timestamp,
    nonce: headers.nonce,
    method: request.method,
    pathAndQuery: signedPathOf(request.url),
    bodySha256: sha256Hex(body),
  });
  if (!verifyMessage(message, headers.signature, partner.publicKey)) {
    throw new AppError("INVALID_SIGNATURE", "X-OC-Signature does not verify with the partner's public key.");
  }
  const nonce: NonceClaim = { ocid: headers.ocid, nonce: headers.nonce };
  if (claimNonceNow) {
    nonce.claimed = await claimNonce(db, nonce.ocid, nonce.nonce);
    if (!nonce.claimed) throw nonceReused();
  }
  return { partner, body, nonce };
}

/** Adds X-OC-ID, X-OC-Timestamp and X-OC-Signature over the exact bytes sent. */
export async function signResponse(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const ocid = providerOcid();
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = new Headers(response.headers);
  headers.set(OCN_HEADERS.id, String(ocid));
  headers.set(OCN_HEADERS.timestamp, String(timestamp));
  headers.set(
    OCN_HEADERS.signature,
    signMessage(responseMessage({ ocid, timestamp, status: response.status, bodySha256: sha256Hex(bytes) }), getKeys().ocnPrivateKey),
  );
  if (!headers.has("cache-control")) headers.set("Cache-Control", "no-store");
  return new Response(bytes, { status: response.status, headers });
}

function errorToResponse(error: unknown): Response {
  const { status, body } = toErrorBody(error);
  if (status === 500) logUnexpected(error);
  return Response.json(body, { status, headers: error instanceof AppError ? error.headers : undefined });
}

/**
 * Wraps an OCN route handler: authenticate, run, sign whatever comes out.
 *
 * `nonceInFirstStatement` saves the hot path a round trip: the handler claims the nonce in
 * its first statement (nonceClaimCte) and stops with NONCE_REUSED when the claim fails. Only
 * for handlers that change nothing before that statement, and that run it outside a
 * transaction or, inside one, set `claimed` back to undefined when it rolls back (the
 * rollback undid the claim). Whatever the handler did, an unclaimed nonce is claimed before
 * answering, and a replay answers NONCE_REUSED, as if it had been checked first.
 */
export function withPartner(handler: PartnerHandler, options: { nonceInFirstStatement?: boolean } = {}): (request: Request) => Promise<Response> {
  return async (request) => {
    let response: Response;
    try {
      const db = await getDb();
      const { partner, body, nonce } = await authenticate(request, db, !options.nonceInFirstStatement);
      notePrincipal({ partnerOcid: nonce.ocid });
      try {
        // After the signature checked out, so nobody can spend another partner's budget.
        await enforceRateLimit(`partner:${partner.ocid}`, partner.rateLimitPerMinute);
        response = await handler({ request, partner, db, body, nonce });
      } catch (error) {
        response = errorToResponse(error);
      }
      nonce.claimed ??= await claimNonce(db, nonce.ocid, nonce.nonce);
      if (!nonce.claimed) response = errorToResponse(nonceReused());
    } catch (error) {
      response = errorToResponse(error);
    }
    return signResponse(response);
  };
}

/** The body as JSON checked against `schema`; INVALID_REQUEST naming the field otherwise. */
export const parsePartnerJson = parseJsonBytes;
