import "server-only";

import type { DbOrTx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { findPartner, resolvePartner, type ResolvedPartner } from "@/lib/ocn/partners";

import { checkGrantRequest, parseOcid, type GrantRequest, type GrantRequestProblem, type QueryInput } from "./grant-request";

export type ResolvedGrantRequest =
  | { kind: "ok"; request: GrantRequest; partner: ResolvedPartner }
  | { kind: "error_page"; problem: GrantRequestProblem | "metadata_unavailable" }
  | { kind: "redirect_error"; callbackUrl: string; state: string | null };

/**
 * The consent request with its partner: known and active first (from our own
 * records, before any network call), then its metadata fetched and verified
 * (the default callback origin and the name shown come from it), then the
 * request itself. Used by the page and again by the decision, which trusts
 * nothing the form sends back.
 */
export async function resolveGrantRequest(db: DbOrTx, ocidParam: string, query: QueryInput): Promise<ResolvedGrantRequest> {
  const { production } = getEnv();
  const ocid = parseOcid(ocidParam);
  // A person opened this page: an OCID nobody registered may be asked of the index (rate-limited there).
  const known = ocid === null ? null : await findPartner(db, ocid, { index: "look-up" });
  const early = checkGrantRequest(ocidParam, {}, known, { production });
  if (early.kind === "error_page" && early.problem !== "bad_callback") return early;

  let partner: ResolvedPartner;
  try {
    partner = await resolvePartner(db, ocid!);
  } catch (error) {
    if (error instanceof AppError && error.code === "UNKNOWN_OCID") return { kind: "error_page", problem: "unknown_partner" };
    if (error instanceof AppError && error.code === "METADATA_UNAVAILABLE") return { kind: "error_page", problem: "metadata_unavailable" };
    throw error;
  }
  const check = checkGrantRequest(ocidParam, query, partner, { production });
  return check.kind === "ok" ? { ...check, partner } : check;
}
