import "server-only";

import { and, desc, eq } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { consentReceipts } from "@/lib/db/schema";
import { getKeys } from "@/lib/keys";
import type { Item } from "@/lib/items/items";
import { canonicalJson } from "@/lib/security/canonical-json";
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
};

export type SignedReceipt = ConsentReceipt & { signature: string };

export function signReceipt(receipt: ConsentReceipt): SignedReceipt {
  return { ...receipt, signature: signMessage(canonicalJson(receipt), getKeys().ocnPrivateKey) };
}

export type StoredReceipt = { id: string; partnerOcid: number; granted: Item[]; denied: Item[]; createdAt: Date; signed: SignedReceipt };

function fromRow(row: typeof consentReceipts.$inferSelect): StoredReceipt {
  return {
    id: row.id,
    partnerOcid: row.partnerOcid,
    granted: row.granted as Item[],
    denied: row.denied as Item[],
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
