import { secretsEqual } from "@/lib/security/compare";
import { isItem, type Item } from "@/lib/items/items";

/**
 * What the demo gateway makes of the redirect back from the consent page: the parameters
 * as received, and whether `state` is the one it issued (otherwise the redirect may
 * have been forged or replayed, and a real gateway would ignore it).
 */
export type ConsentCallback = {
  params: [string, string][];
  status: string | null;
  userOcid: string | null;
  granted: Item[];
  denied: Item[];
  stateCheck: "matches" | "mismatch" | "missing" | "not-issued";
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;
const items = (value: string | null) => (value ?? "").split(",").filter(isItem);

export function readConsentCallback(query: Record<string, string | string[] | undefined>, issuedState: string | null): ConsentCallback {
  const state = first(query.state);
  const userOcid = first(query.user_ocid);
  const stateCheck = !issuedState ? "not-issued" : !state ? "missing" : secretsEqual(state, issuedState) ? "matches" : "mismatch";
  return {
    params: Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value.join(", ") : (value ?? "")]),
    status: first(query.status),
    userOcid: userOcid && /^[1-9][0-9]{0,9}$/.test(userOcid) ? userOcid : null,
    granted: items(first(query.grants)),
    denied: items(first(query.denied)),
    stateCheck,
  };
}
