import "server-only";

import { sql } from "drizzle-orm";

import { executeRows, type DbOrTx } from "@/lib/db/client";
import { grants, identityItems, users } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { effectiveState } from "@/lib/items/store";
import { IDENTITY_DOCUMENTS, ITEMS, type Item, type ItemState, type PartnerStatus } from "@/lib/items/items";
import type { ValidateRequest, ValidateResponse } from "@/lib/partner-api/schemas";
import { nonceClaimCte, nonceReused, type NonceClaim } from "@/lib/ocn/nonces";
import type { Partner } from "@/lib/ocn/partners";

/**
 * What one partner may learn about one person (SPEC §4): item statuses through the
 * five rules, and whether KYC is complete as far as that partner can see.
 */
export type PartnerViewer = Pick<Partner, "ocid" | "allowedGrants">;
type Decision = "granted" | "denied" | "revoked";
type ItemFacts = { state: ItemState; verifiedAt: Date | null; expiresAt: Date | null };

const MAX_OCID = 2_147_483_647; // users.ocid is an integer column

const isUserOcid = (value: number) => Number.isSafeInteger(value) && value >= 1 && value <= MAX_OCID;

type FactsRow = {
  claimed?: number;
  id: string | null;
  items: { item: Item; state: ItemState; verifiedAt: string | null; expiresAt: string | null; valueEnc?: string | null }[];
  grants: { item: Item; decision: Decision }[];
};

export type PartnerFacts = {
  userId: string;
  facts: Map<Item, ItemFacts>;
  decisions: Map<Item, Decision>;
  /** With `values`: each item's sealed value, read in the same statement as its state. */
  sealed: Map<Item, string | null>;
};

/**
 * The person, their items' states and this partner's grant decisions in one round trip:
 * this runs on every /kyc/validate and /kyc/data, where each query is a measurable share.
 * With `nonce`, the same statement claims the request's nonce (NONCE_REUSED when it fails,
 * before anything else is looked at), and always returns a row so the claim is read.
 * With `values`, the items' sealed values come in the same statement (and snapshot) as the
 * states they are judged by, so /kyc/data never sends a value newer than its verification.
 */
export async function loadPartnerFacts(db: DbOrTx, userOcid: number, partnerOcid: number, nonce?: NonceClaim, options: { values?: boolean } = {}): Promise<PartnerFacts> {
  if (!isUserOcid(userOcid)) throw userNotFound();
  const rows = await executeRows<FactsRow>(db, sql`
    ${nonce ? sql`with ${nonceClaimCte(nonce)}` : sql``}
    select ${nonce ? sql`(select count(*) from claimed)::int as claimed,` : sql``} u.id,
      coalesce((select json_agg(json_build_object('item', i.item, 'state', i.state, 'verifiedAt', i.verified_at, 'expiresAt', i.expires_at${options.values ? sql`, 'valueEnc', i.value_enc` : sql``}))
                from ${identityItems} i where i.user_id = u.id), '[]'::json) as items,
      coalesce((select json_agg(json_build_object('item', g.item, 'decision', g.decision))
                from ${grants} g where g.user_id = u.id and g.partner_ocid = ${partnerOcid}), '[]'::json) as grants
    from (select 1) as one left join ${users} u on u.ocid = ${userOcid}`);
  const row = rows[0];
  if (nonce) {
    nonce.claimed = row?.claimed === 1;
    if (!nonce.claimed) throw nonceReused();
  }
  if (!row?.id) throw userNotFound();
  // json_agg hands timestamps back as ISO strings on both drivers; the driver may or may not have parsed the JSON.
  const parse = <T,>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);
  const date = (value: string | null) => (value ? new Date(value) : null);
  const items = parse(row.items);
  return {
    userId: row.id,
    facts: new Map(items.map((item) => [item.item, { state: item.state, verifiedAt: date(item.verifiedAt), expiresAt: date(item.expiresAt) }])),
    decisions: new Map(parse(row.grants).map((grant) => [grant.item, grant.decision])),
    sealed: new Map(options.values ? items.map((item) => [item.item, item.valueEnc ?? null]) : []),
  };
}

function userNotFound(): AppError {
  return new AppError("USER_NOT_FOUND", "No user has this OCID.");
}

/** The five rules of SPEC §4, first match wins. */
export function partnerStatusOf(facts: ItemFacts | undefined, decision: Decision | undefined, allowed: boolean, now = new Date()): PartnerStatus {
  if (decision === "denied" || decision === "revoked") return "restricted";
  const state = facts ? effectiveState(facts, now) : "missing";
  if (state === "missing" || state === "rejected" || state === "expired") return "missing";
  if (state === "pending") return "pending";
  // Staff narrowing a partner's allowed grants withdraws earlier grants of those items too.
  if (state === "verified" && decision === "granted" && allowed) return "verified";
  return "missing";
}

export type PartnerItemView = { status: PartnerStatus; verifiedAt: Date | null; expiresAt: Date | null };

/** Every item's status for this partner, with the dates behind the verified ones. */
export function viewItems(facts: Map<Item, ItemFacts>, decisions: Map<Item, Decision>, partner: PartnerViewer, now = new Date()): Record<Item, PartnerItemView> {
  const allowed = new Set(partner.allowedGrants);
  const view = {} as Record<Item, PartnerItemView>;
  for (const item of ITEMS) {
    const fact = facts.get(item);
    const status = partnerStatusOf(fact, decisions.get(item), allowed.has(item), now);
    view[item] = {
      status,
      verifiedAt: status === "verified" ? (fact?.verifiedAt ?? null) : null,
      expiresAt: status === "verified" ? (fact?.expiresAt ?? null) : null,
    };
  }
  return view;
}

/** The person's id and every item's status for this partner; USER_NOT_FOUND for an unknown OCID. */
export async function viewItemsAsPartner(
  db: DbOrTx,
  userOcid: number,
  partner: PartnerViewer,
  now = new Date(),
  nonce?: NonceClaim,
): Promise<{ userId: string; view: Record<Item, PartnerItemView> }> {
  const { userId, facts, decisions } = await loadPartnerFacts(db, userOcid, partner.ocid, nonce);
  return { userId, view: viewItems(facts, decisions, partner, now) };
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * kyc_complete: name, date of birth, one identity document and liveness all verified
 * for this partner. Judged on what the partner may see, so it never reveals a
 * verification that rule 5 hides. verified_at is when the last of them became true
 * (for the documents, the earliest verified one made that requirement true);
 * expires_at the earliest expiry (for the documents, the one lasting longest).
 */
export function kycCompletion(view: Record<Item, PartnerItemView>): Pick<ValidateResponse, "kyc_complete" | "verified_at" | "expires_at"> {
  const documents = IDENTITY_DOCUMENTS.map((item) => view[item]).filter((entry) => entry.status === "verified");
  const required = [view.name, view.date_of_birth, view.liveness];
  if (documents.length === 0 || required.some((entry) => entry.status !== "verified")) {
    return { kyc_complete: false, verified_at: null, expires_at: null };
  }
  const time = (date: Date | null, fallback: number) => (date ? date.getTime() : fallback);
  const documentVerified = Math.min(...documents.map((entry) => time(entry.verifiedAt, 0)));
  const documentExpires = Math.max(...documents.map((entry) => time(entry.expiresAt, Infinity)));
  const verifiedAt = Math.max(documentVerified, ...required.map((entry) => time(entry.verifiedAt, 0)));
  const expiresAt = Math.min(documentExpires, ...required.map((entry) => time(entry.expiresAt, Infinity)));
  return {
    kyc_complete: true,
    verified_at: seconds(new Date(verifiedAt)),
    expires_at: Number.isFinite(expiresAt) ? seconds(new Date(expiresAt)) : null,
  };
}

/** POST /kyc/validate for one partner; `nonce`, when given, is claimed by its one statement. */
export async function validateForPartner(db: DbOrTx, partner: PartnerViewer, request: ValidateRequest, nonce?: NonceClaim): Promise<ValidateResponse> {
  const { view } = await viewItemsAsPartner(db, request.user_ocid, partner, new Date(), nonce);
  const requested = request.grants ?? ITEMS;
  const statuses: Partial<Record<Item, PartnerStatus>> = {};
  for (const item of ITEMS) if (requested.includes(item)) statuses[item] = view[item].status;
  return { user_ocid: request.user_ocid, grants: statuses, ...kycCompletion(view) };
}
