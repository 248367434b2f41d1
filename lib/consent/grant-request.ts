import { isItem, type Item } from "@/lib/items/items";
import { isSecureTransport } from "@/lib/security/transport";

/**
 * The checks SPEC §5 puts before anything is shown on the consent page, in
 * its order. What is wrong decides where the person goes: a partner or a
 * callback we cannot trust gets an error page on Attest (we never send anyone
 * to an unchecked URL); a trusted callback with a bad request gets
 * `status=error&error=invalid_request` back at the partner.
 */
export type GrantPartner = {
  ocid: number;
  status: "active" | "suspended";
  callbackOrigins: string[];
  allowedGrants: readonly Item[];
};

export type GrantRequest = {
  partnerOcid: number;
  items: Item[];
  userOcid: number;
  callbackUrl: string;
  state: string | null;
};

export type GrantRequestProblem = "unknown_partner" | "partner_suspended" | "bad_callback";

export type GrantRequestCheck =
  | { kind: "ok"; request: GrantRequest }
  | { kind: "error_page"; problem: GrantRequestProblem }
  | { kind: "redirect_error"; callbackUrl: string; state: string | null };

/** What a page receives as search parameters: repeated names arrive as arrays. */
export type QueryInput = Record<string, string | string[] | undefined>;

const OCID = /^[1-9]\d{0,9}$/;
const MAX_OCID = 2_147_483_647;
// The state is opaque to us, but it travels in a URL: keep it to something a URL can carry.
export const MAX_STATE_LENGTH = 1024;

/** A positive integer OCID from its decimal form, or null. */
export function parseOcid(value: string | undefined): number | null {
  if (value === undefined || !OCID.test(value)) return null;
  const n = Number(value);
  return n <= MAX_OCID ? n : null;
}

function single(query: QueryInput, name: string): string | undefined {
  const value = query[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * HTTPS, or plain HTTP to a loopback host outside production; no user info;
 * and an origin the partner registered (or its endpoint's origin).
 */
export function isAllowedCallback(value: string | undefined, allowedOrigins: readonly string[], production: boolean): boolean {
  if (!value) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (!isSecureTransport(url, production)) return false;
  return allowedOrigins.some((origin) => sameOrigin(origin, url.origin));
}

function sameOrigin(allowed: string, origin: string): boolean {
  try {
    return new URL(allowed).origin === origin;
  } catch {
    return false;
  }
}

function parseItems(value: string | undefined, allowed: readonly Item[]): Item[] | null {
  if (!value) return null;
  const names = value.split(",");
  const items: Item[] = [];
  for (const name of names) {
    if (!isItem(name) || !allowed.includes(name)) return null;
    if (!items.includes(name)) items.push(name);
  }
  return items;
}

/**
 * `partner` is null when nobody knows the OCID. `ocidParam` is the path
 * segment as received: anything but a positive integer is an unknown partner.
 */
export function checkGrantRequest(
  ocidParam: string,
  query: QueryInput,
  partner: GrantPartner | null,
  options: { production: boolean },
): GrantRequestCheck {
  const ocid = parseOcid(ocidParam);
  if (ocid === null || !partner || partner.ocid !== ocid) return { kind: "error_page", problem: "unknown_partner" };
  if (partner.status !== "active") return { kind: "error_page", problem: "partner_suspended" };

  const callbackUrl = single(query, "callback_url");
  if (!callbackUrl || !isAllowedCallback(callbackUrl, partner.callbackOrigins, options.production)) {
    return { kind: "error_page", problem: "bad_callback" };
  }

  const rawState = query.state;
  const stateOk = rawState === undefined || (typeof rawState === "string" && rawState.length <= MAX_STATE_LENGTH);
  // A state we cannot echo faithfully is not echoed at all.
  const state = stateOk && typeof rawState === "string" ? rawState : null;
  const items = parseItems(single(query, "grants"), partner.allowedGrants);
  const userOcid = parseOcid(single(query, "user_ocid"));
  if (!stateOk || !items || userOcid === null) return { kind: "redirect_error", callbackUrl, state };

  return { kind: "ok", request: { partnerOcid: ocid, items, userOcid, callbackUrl, state } };
}
