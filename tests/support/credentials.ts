import { eq } from "drizzle-orm";

import { createAccount, createApiKey, topUp } from "@/lib/credentials/accounts";
import { mintBearerToken } from "@/lib/credentials/bearer-tokens";
import { statusBit } from "@/lib/credentials/revocation";
import { getDb } from "@/lib/db/client";
import { credentials, statusLists } from "@/lib/db/schema";
import type { Item } from "@/lib/items/items";
import { createPartner, createUser, setGrants, type ItemSpec } from "@/tests/support/factories";

/** Credentials API fixtures: fully verified people, funded accounts, requests to route handlers. */
export const BASE = process.env.PUBLIC_URL ?? "http://127.0.0.1:3999";
const STAFF = { type: "system" as const };

export function uniquePhone(): string {
  return `+1555${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
}

export type Person = Awaited<ReturnType<typeof createPerson>>;

/** A person with every item verified (Tier3), or only those listed in `only`. */
export async function createPerson(options: { only?: Item[]; override?: Partial<Record<Item, ItemSpec>> } = {}) {
  const phone = uniquePhone();
  const dob = "1988-04-12";
  const fullName = "Ada Quintero";
  const verified = (value: unknown): ItemSpec => ({ state: "verified", value });
  const expires = "2034-01-01";
  const all: Partial<Record<Item, ItemSpec>> = {
    name: verified({ first_name: "Ada", last_name: "Quintero", full_name: fullName }),
    phone: verified(phone),
    date_of_birth: verified(dob),
    nationality: verified("ES"),
    passport: verified({ number: "X1234567", country: "ES", issued_at: "2024-01-01", expires_at: expires, images: { front: crypto.randomUUID() } }),
    liveness: verified({ images: { selfie: crypto.randomUUID() } }),
    address: verified({ street: "Calle Mayor 1", city: "Madrid", state: "Madrid", postal_code: "28013", country: "ES" }),
    proof_of_address: verified({ type: "utility_bill", issued_at: "2026-10-01", images: { page: crypto.randomUUID() } }),
    aml: verified({ status: "clear", checked_at: new Date().toISOString(), list: "test" }),
  };
  const email = `person-${crypto.randomUUID()}@example.com`;
  all.email = verified(email);
  const chosen = options.only ? Object.fromEntries(options.only.map((item) => [item, all[item]!])) : all;
  const user = await createUser({ email, items: { ...chosen, ...options.override } });
  return { user, request: { email, phone_number: phone, full_name: fullName, dob } };
}

export async function createFundedAccount(credits: number, options: { partner?: boolean } = {}) {
  const db = await getDb();
  const partner = options.partner === false ? null : await createPartner({ metadataUrl: "http://127.0.0.1:1/metadata.json" });
  const account = await createAccount(db, { name: `Test account ${crypto.randomUUID().slice(0, 8)}`, partnerOcid: partner?.ocid }, STAFF);
  if (credits > 0) await topUp(db, account.id, credits, "test", STAFF);
  const { id: apiKeyId, key } = await createApiKey(db, account.id, "test", STAFF);
  const { token } = await mintBearerToken({ kind: "account", accountId: account.id });
  return { account, partnerOcid: partner?.ocid ?? null, apiKey: key, apiKeyId, bearer: token };
}

export async function grantIssuanceItems(userId: string, partnerOcid: number, decision: "granted" | "denied" = "granted") {
  await setGrants(userId, partnerOcid, { name: "granted", email: "granted", phone: "granted", date_of_birth: decision });
}

export function jsonRequest(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A credential's revocation as the database and its published status bit record it. */
export async function revocationOf(credentialId: string): Promise<{ revoked: boolean; reason: string | null; bit: boolean }> {
  const db = await getDb();
  const [row] = await db.select().from(credentials).where(eq(credentials.id, credentialId));
  if (!row) throw new Error(`no credential ${credentialId}`);
  const [list] = await db.select().from(statusLists).where(eq(statusLists.id, row.statusListId));
  return { revoked: row.revokedAt !== null, reason: row.revokedReason, bit: statusBit(list!.bits, row.statusIndex) };
}
