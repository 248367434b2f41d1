import type { Item } from "@/lib/items/items";

/**
 * The URL a person is sent back to (SPEC §5). Built with URL/searchParams so
 * the query the partner's callback already carries survives, and our own
 * parameters replace any of the same name rather than doubling them.
 */
export type ConsentOutcome =
  | { status: "granted" | "partial" | "denied"; granted: readonly Item[]; denied: readonly Item[]; userOcid: number }
  | { status: "error"; error: "invalid_request" };

const OWN_PARAMETERS = ["status", "grants", "denied", "user_ocid", "state", "error"];

export function decisionStatus(granted: readonly Item[], denied: readonly Item[]): "granted" | "partial" | "denied" {
  if (granted.length === 0) return "denied";
  return denied.length === 0 ? "granted" : "partial";
}

export function buildCallbackUrl(callbackUrl: string, outcome: ConsentOutcome, state: string | null): string {
  const url = new URL(callbackUrl);
  for (const name of OWN_PARAMETERS) url.searchParams.delete(name);
  url.searchParams.set("status", outcome.status);
  if (outcome.status === "error") {
    url.searchParams.set("error", outcome.error);
  } else {
    if (outcome.granted.length > 0) url.searchParams.set("grants", outcome.granted.join(","));
    if (outcome.status === "partial") url.searchParams.set("denied", outcome.denied.join(","));
    url.searchParams.set("user_ocid", String(outcome.userOcid));
  }
  if (state !== null) url.searchParams.set("state", state);
  // URLSearchParams writes "," as %2C; SPEC §5 lists are literal commas, which a query may
  // carry as they are, so a partner splitting the raw string gets the items too.
  url.search = url.searchParams.toString().replace(LIST_PARAMETER, (_match, lead: string, list: string) => lead + list.replaceAll("%2C", ","));
  return url.toString();
}

const LIST_PARAMETER = /(^|&)((?:grants|denied)=[^&]*)/g;
