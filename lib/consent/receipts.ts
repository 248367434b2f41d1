import "server-only";

import { and, desc, eq } from "drizzle-orm";

import type { DbOrTx, Tx } from "@/lib/db/client";
import { consentReceipts, partners, users } from "@/lib/db/schema";
import { getKeys } from "@/lib/keys";
import type { Item } from "@/lib/items/items";
import { canonicalJson } from "@/lib/security/canonical-json";
import { providerOcid } from "@/lib/ocn/provider";
import { signMessage } from "@/lib/ocn/secp256k1";

/**
 * A consent receipt: what a person decided for a partner, signed by Attest
 * with its OCN key, the same way it signs data responses (SPEC §4): an
 * ECDSA secp256k1 signature over SHA-256 of the JCS form of the receipt
 * without its `signature` field. Anyone can check it against `publicKey`
 * in Attest's /metadata.json.
 */
export type ConsentReceipt = {
  type: "attest.consent_receipt";
  version: 1;
  receipt_id: string;
  issued_at: number;
  provider: number;
  partner: { ocid: number; name: string };
  user_ocid: number;
  granted: Item[];
  denied: Item[];
  /** Only on a receipt for taking access back: what was revoked. */
  revoked?: Item[];
};

export type SignedReceipt = ConsentReceipt & { signature: string };

export function signReceipt(receipt: ConsentReceipt): SignedReceipt {
  return { ...receipt, signature: signMessage(canonicalJson(receipt), getKeys().ocnPrivateKey) };
}

export type StoredReceipt = { id: string; partnerOcid: number; granted: Item[]; denied: Item[]; revoked: Item[]; createdAt: Date; signed: SignedReceipt };

export type ReceiptContent = { userId: string; userOcid: number; partner: { ocid: number; name: string }; granted: Item[]; denied: Item[]; revoked?: Item[] };

/** Signs a receipt and stores it, inside the caller's transaction so it exists exactly when the change does. */
export async function issueReceipt(tx: Tx, content: ReceiptContent, now = new Date()): Promise<SignedReceipt> {
  const receipt = signReceipt({
    type: "attest.consent_receipt",
    version: 1,
    receipt_id: crypto.randomUUID(),
    issued_at: Math.floor(now.getTime() / 1000),
    provider: providerOcid(),
    partner: content.partner,
    user_ocid: content.userOcid,
    granted: content.granted,
    denied: content.denied,
    ...(content.revoked && { revoked: content.revoked }),
  });
  const { signature, ...body } = receipt;
  await tx.insert(consentReceipts).values({
    id: body.receipt_id,
    userId: content.userId,
    partnerOcid: content.partner.ocid,
    granted: content.granted,
    denied: content.denied,
    receipt: body,
    signature,
    createdAt: now,
  });
  return receipt;
}

/** Who a receipt names, for changes made away from the consent page (which knows both already). */
export async function receiptParties(tx: Tx, userId: string, partnerOcid: number): Promise<{ userOcid: number; partner: { ocid: number; name: string } } | null> {
  const [user] = await tx.select({ ocid: users.ocid }).from(users).where(eq(users.id, userId));
  if (!user) return null;
  const [partner] = await tx.select({ name: partners.name }).from(partners).where(eq(partners.ocid, partnerOcid));
  return { userOcid: user.ocid, partner: { ocid: partnerOcid, name: partner?.name ?? `OCID ${partnerOcid}` } };
}

function fromRow(row: typeof consentReceipts.$inferSelect): StoredReceipt {
  return {
    id: row.id,
    partnerOcid: row.partnerOcid,
    granted: row.granted as Item[],
    denied: row.denied as Item[],
    revoked: ((row.receipt as ConsentReceipt).revoked ?? []) as Item[],
    createdAt: row.createdAt,
    signed: { ...(row.receipt as ConsentReceipt), signature: row.signature },
  };
}

/** Only the owner's receipts: another person's id reads as not found. */
export async function getReceipt(db: DbOrTx, userId: string, id: string): Promise<StoredReceipt | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select()
    .from(consentReceipts)
    .where(and(eq(consentReceipts.id, id), eq(consentReceipts.userId, userId)));
  return row ? fromRow(row) : null;
}

export async function listReceipts(db: DbOrTx, userId: string): Promise<StoredReceipt[]> {
  const rows = await db.select().from(consentReceipts).where(eq(consentReceipts.userId, userId)).orderBy(desc(consentReceipts.createdAt));
  return rows.map(fromRow);
}
