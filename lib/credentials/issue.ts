import "server-only";

import { createHash } from "node:crypto";

import { and, eq } from "drizzle-orm";
import { SignJWT } from "jose";

import { recordAudit, type AuditActor } from "@/lib/audit/log";
import type { IssuedCredential, IssueRequest } from "@/lib/credentials/api-schemas";
import { chargeCredits, getAccount } from "@/lib/credentials/accounts";
import type { Principal } from "@/lib/credentials/bearer-tokens";
import { credentialKeyId } from "@/lib/credentials/did";
import { allocateStatusEntry, CREDENTIAL_CONTEXTS, statusListUrl } from "@/lib/credentials/status-list";
import { checkTier, grantedFacts, highestTier, tierGranted, TIERS, type Requirement, type Tier, type VerifiedFacts } from "@/lib/credentials/tiers";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { credentials, grants, identityItems, partners, users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { getKeys } from "@/lib/keys";
import { effectiveState, getItems, type StoredItem } from "@/lib/items/store";
import type { Item } from "@/lib/items/items";
import { blindIndex, encryptText } from "@/lib/security/encryption";

/** `POST /api/v1/issue` (SPEC §6 and the seed's Credentials API). */
export const ISSUE_COST = 10;
export const CREDENTIAL_VALIDITY_DAYS = 365;
const DAY_SECONDS = 24 * 60 * 60;

/** The seed's request fields and the items they must equal. */
const IDENTITY_FIELDS = [
  { field: "email", item: "email" },
  { field: "phone_number", item: "phone" },
  { field: "full_name", item: "name" },
  { field: "dob", item: "date_of_birth" },
] as const satisfies readonly { field: keyof IssueRequest; item: Item }[];

const CONSENT_ITEMS = ["name", "email", "phone", "date_of_birth"] as const satisfies readonly Item[];

const sameText = (a: string, b: string) => a.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase() === b.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

function storedFieldValue(item: StoredItem | undefined): string | null {
  if (!item || effectiveState(item) !== "verified") return null;
  if (item.item === "name") {
    const name = item.value as { full_name?: unknown } | null;
    return typeof name?.full_name === "string" ? name.full_name : null;
  }
  return typeof item.value === "string" ? item.value : null;
}

/** Request fields that are not both verified and equal to what Attest holds. */
export function unverifiedFields(request: IssueRequest, items: Map<Item, StoredItem>): string[] {
  const mismatched: string[] = [];
  for (const { field, item } of IDENTITY_FIELDS) {
    const stored = storedFieldValue(items.get(item));
    const requested = request[field];
    const equal = stored !== null && (field === "phone_number" || field === "dob" ? stored === requested : sameText(stored, requested));
    if (!equal) mismatched.push(field);
  }
  return mismatched;
}

export function verifiedFacts(items: Map<Item, StoredItem>): VerifiedFacts {
  const verified = new Set<Item>();
  for (const [item, stored] of items) if (effectiveState(stored) === "verified") verified.add(item);
  const aml = items.get("aml")?.value as { status?: unknown } | null | undefined;
  return { verified, amlClear: aml?.status === "clear" };
}

async function findIdentity(db: DbOrTx, request: IssueRequest): Promise<string | null> {
  const [byEmail] = await db.select({ id: users.id }).from(users).where(eq(users.email, blindIndex("email", request.email)));
  if (byEmail) return byEmail.id;
  const [byPhone] = await db
    .select({ userId: identityItems.userId })
    .from(identityItems)
    .where(and(eq(identityItems.item, "phone"), eq(identityItems.valueIndex, blindIndex("phone", request.phone_number))))
    .limit(1);
  return byPhone?.userId ?? null;
}

async function grantedItems(db: DbOrTx, userId: string, partnerOcid: number): Promise<Set<Item>> {
  const rows = await db
    .select({ item: grants.item })
    .from(grants)
    .where(and(eq(grants.userId, userId), eq(grants.partnerOcid, partnerOcid), eq(grants.decision, "granted")));
  return new Set(rows.map((row) => row.item as Item));
}

/** One refusal for an unknown person, one who has not consented, and one who withheld what the tier needs. */
function noConsent(partnerOcid: number): AppError {
  return new AppError("FORBIDDEN", `This person has not granted partner ${partnerOcid} their name, email, phone and date of birth`);
}

function tierNotMet(tier: Tier, missing: Requirement[]): AppError {
  return new AppError("TIER_NOT_MET", `${tier} needs: ${missing.join(", ")}`, { tier, missing });
}

type SigningInput = { userId: string; tier: Tier; items: Item[]; fullName: string; phoneNumber: string };

/** Runs inside the issuance transaction, beside the credential's own writes (the Idempotency-Key's stored answer). */
export type OnIssued = (tx: Tx, issued: IssuedCredential) => Promise<void>;

/**
 * Charges (for accounts), allocates a status entry, records and signs the
 * credential in one transaction: a failure anywhere leaves no charge, no
 * credential and no audit entry behind.
 */
async function recordAndSign(db: Db, input: SigningInput, payer: { accountId: string } | null, actor: AuditActor, keepToken: boolean, onIssued?: OnIssued): Promise<IssuedCredential> {
  const env = getEnv();
  const { privateKey, publicKeyPem, kid } = getKeys().credential;
  const credentialId = crypto.randomUUID();
  const now = Math.floor(Date.now() / 1000);
  const exp = now + CREDENTIAL_VALIDITY_DAYS * DAY_SECONDS;
  return db.transaction(async (tx) => {
    // Independent statements of one transaction go out together: the charge with the status
    // entry, then the credential, its audit entry and the stored answer. A refusal rolls all back.
    const [, entry] = await Promise.all([payer && chargeCredits(tx, payer.accountId, ISSUE_COST, "issue", credentialId), allocateStatusEntry(tx)]);
    const listUrl = statusListUrl(entry.listId);
    const subjectId = `did:kyc:user:${createHash("sha256").update(input.phoneNumber).digest("hex")}`;
    const vc = {
      "@context": [...CREDENTIAL_CONTEXTS],
      type: ["VerifiableCredential", "KYCCredential"],
      issuanceDate: new Date(now * 1000).toISOString(),
      expirationDate: new Date(exp * 1000).toISOString(),
      credentialSubject: {
        id: subjectId,
        full_name: input.fullName,
        tier: input.tier,
        phone_number: input.phoneNumber,
      },
      credentialStatus: {
        id: `${listUrl}#${entry.index}`,
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: String(entry.index),
        statusListCredential: listUrl,
      },
    };
    // VC 1.1's JWT encoding: `sub` is credentialSubject.id, `iss` the issuer, `nbf` issuanceDate,
    // `exp` expirationDate, `jti` the credential id; a verifier rebuilds the credential from them.
    const token = await new SignJWT({ vc })
      .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: credentialKeyId(kid) })
      .setSubject(subjectId)
      .setIssuer(env.credentialIssuer)
      .setNotBefore(now)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(`urn:uuid:${credentialId}`)
      .sign(privateKey);
    const issued: IssuedCredential = { status: "issued", token, public_key: publicKeyPem, credential_id: credentialId };
    const recorded = tx.insert(credentials).values({
      id: credentialId,
      userId: input.userId,
      accountId: payer?.accountId ?? null,
      tier: input.tier,
      items: input.items,
      kid,
      statusListId: entry.listId,
      statusIndex: entry.index,
      issuedAt: new Date(now * 1000),
      expiresAt: new Date(exp * 1000),
      tokenEnc: keepToken ? encryptText(token, `credentials.token:${credentialId}`) : null,
    });
    await Promise.all([
      recorded,
      recordAudit(tx, {
        actor,
        action: "credential.issued",
        subjectUserId: input.userId,
        details: { credentialId, tier: input.tier, accountId: payer?.accountId ?? null, kid },
      }),
      onIssued?.(tx, issued),
    ]);
    return issued;
  });
}

/** Issuance through the API, for the bearer token's principal. */
export async function issueCredential(db: Db, principal: Principal, request: IssueRequest, onIssued?: OnIssued): Promise<IssuedCredential> {
  let userId: string | null;
  let actor: AuditActor;
  let payer: { accountId: string } | null = null;
  // For an account token: the partner and what the person granted it. Null for the person's own token.
  let consent: { partnerOcid: number; granted: Set<Item> } | null = null;
  let items: Map<Item, StoredItem> | null = null;
  if (principal.kind === "user") {
    const [me] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, principal.userId));
    if (!me) throw new AppError("UNAUTHORIZED", "The bearer token's user no longer exists");
    if (me.email !== blindIndex("email", request.email)) throw new AppError("FORBIDDEN", "A personal token may issue credentials only for its own identity");
    userId = me.id;
    actor = { type: "user", id: me.id };
  } else {
    // Reads that do not depend on each other go out together (two rounds instead of four);
    // their answers are judged in the same order as ever.
    const [account, identity] = await Promise.all([getAccount(db, principal.accountId), findIdentity(db, request)]);
    if (!account) throw new AppError("UNAUTHORIZED", "The bearer token's API account no longer exists");
    if (account.partnerOcid === null) throw new AppError("FORBIDDEN", "This API account is not linked to a partner, so no person can have consented to it");
    // The person's items go out with them: read before they are needed, judged only after consent.
    const [[partner], granted, theirItems] = await Promise.all([
      db.select({ status: partners.status }).from(partners).where(eq(partners.ocid, account.partnerOcid)),
      identity ? grantedItems(db, identity, account.partnerOcid) : new Set<Item>(),
      identity ? getItems(db, identity) : null,
    ]);
    if (partner?.status !== "active") throw new AppError("FORBIDDEN", `Partner ${account.partnerOcid} is not active`);
    userId = identity;
    // An unknown person and one who has not consented look the same, so the API reveals nobody's existence.
    if (!userId || !CONSENT_ITEMS.every((item) => granted.has(item))) throw noConsent(account.partnerOcid);
    consent = { partnerOcid: account.partnerOcid, granted };
    actor = { type: "api_account", id: account.id };
    payer = { accountId: account.id };
    items = theirItems;
  }

  items ??= await getItems(db, userId);
  const mismatched = unverifiedFields(request, items);
  if (mismatched.length > 0) {
    throw new AppError("IDENTITY_NOT_VERIFIED", `Not verified or not matching: ${mismatched.join(", ")}`, { fields: mismatched });
  }
  if (consent && !tierGranted(request.tier, consent.granted)) throw noConsent(consent.partnerOcid);
  const check = checkTier(request.tier, consent ? grantedFacts(verifiedFacts(items), consent.granted) : verifiedFacts(items));
  if (!check.met) {
    // What is missing is the person's business: an account learns only that the tier is not met.
    throw consent ? new AppError("TIER_NOT_MET", `${request.tier} is not met`) : tierNotMet(request.tier, check.missing);
  }

  return recordAndSign(
    db,
    { userId, tier: request.tier, items: check.items, fullName: storedFieldValue(items.get("name"))!, phoneNumber: request.phone_number },
    payer,
    actor,
    false,
    onIssued,
  );
}

/** A signed-in person's own credential, free, at the highest tier they meet (/account/credentials). */
export async function issueOwnCredential(db: Db, userId: string): Promise<IssuedCredential & { tier: Tier }> {
  const items = await getItems(db, userId);
  const best = highestTier(verifiedFacts(items));
  if (!best) {
    const check = checkTier("Tier1", verifiedFacts(items));
    throw tierNotMet("Tier1", check.met ? [] : check.missing);
  }
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("NOT_FOUND", "No such user");
  const issued = await recordAndSign(
    db,
    {
      userId,
      tier: best.tier,
      items: best.items,
      fullName: storedFieldValue(items.get("name"))!,
      phoneNumber: storedFieldValue(items.get("phone"))!,
    },
    null,
    { type: "user", id: userId },
    true,
  );
  return { ...issued, tier: best.tier };
}

/** What /account/credentials offers: the highest tier met now, and what the next tier up still needs. */
export async function ownIssuanceOptions(db: DbOrTx, userId: string): Promise<{ tier: Tier | null; next: { tier: Tier; missing: Requirement[] } | null }> {
  const facts = verifiedFacts(await getItems(db, userId));
  const best = highestTier(facts);
  const nextTier = TIERS[best ? TIERS.indexOf(best.tier) + 1 : 0];
  const check = nextTier ? checkTier(nextTier, facts) : null;
  return { tier: best?.tier ?? null, next: nextTier && check && !check.met ? { tier: nextTier, missing: check.missing } : null };
}
