import "server-only";

import { and, eq } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { grants, identityItems, users } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { effectiveState } from "@/lib/kyc/item-store";
import { IDENTITY_DOCUMENTS, ITEMS, type Item, type ItemState, type PartnerStatus } from "@/lib/kyc/items";
import type { ValidateRequest, ValidateResponse } from "@/lib/kyc/partner-schemas";
import type { Partner } from "@/lib/ocn/partners";

/**
 * What one partner may learn about one person (SPEC §4): item statuses through the
 * five rules, and whether KYC is complete as far as that partner can see.
 */
export type PartnerViewer = Pick<Partner, "ocid" | "allowedGrants">;
type Decision = "granted" | "denied" | "revoked";
type ItemFacts = { state: ItemState; verifiedAt: Date | null; expiresAt: Date | null };

const MAX_OCID = 2_147_483_647; // users.ocid is an integer column

/** The person's internal id; USER_NOT_FOUND for any OCID nobody holds. */
export async function findUserIdByOcid(db: DbOrTx, userOcid: number): Promise<string> {
  if (!Number.isSafeInteger(userOcid) || userOcid < 1 || userOcid > MAX_OCID) throw userNotFound();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.ocid, userOcid));
  if (!row) throw userNotFound();
  return row.id;
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
export async function viewItemsAsPartner(db: DbOrTx, userId: string, partner: PartnerViewer, now = new Date()): Promise<Record<Item, PartnerItemView>> {
  const [itemRows, grantRows] = await Promise.all([
    db
      .select({ item: identityItems.item, state: identityItems.state, verifiedAt: identityItems.verifiedAt, expiresAt: identityItems.expiresAt })
      .from(identityItems)
      .where(eq(identityItems.userId, userId)),
    db
      .select({ item: grants.item, decision: grants.decision })
      .from(grants)
      .where(and(eq(grants.userId, userId), eq(grants.partnerOcid, partner.ocid))),
  ]);
  const facts = new Map(itemRows.map((row) => [row.item, row]));
  const decisions = new Map(grantRows.map((row) => [row.item, row.decision]));
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

/** POST /kyc/validate for one partner. */
export async function validateForPartner(db: DbOrTx, partner: PartnerViewer, request: ValidateRequest): Promise<ValidateResponse> {
  const userId = await findUserIdByOcid(db, request.user_ocid);
  const view = await viewItemsAsPartner(db, userId, partner);
  const requested = request.grants ?? ITEMS;
  const statuses: Partial<Record<Item, PartnerStatus>> = {};
  for (const item of ITEMS) if (requested.includes(item)) statuses[item] = view[item].status;
  return { user_ocid: request.user_ocid, grants: statuses, ...kycCompletion(view) };
}
