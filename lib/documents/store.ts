import "server-only";

import { eq } from "drizzle-orm";

import type { DbOrTx } from "@/lib/db/client";
import { documents } from "@/lib/db/schema";
import type { Item } from "@/lib/items/items";
import { decryptBytes, encryptBytes } from "@/lib/security/encryption";

/** Document images live in the database, encrypted, so every app instance serves the same files. */
export type DocumentSide = "front" | "back" | "page" | "selfie";

const purpose = (id: string) => `documents.${id}`;

export async function storeDocument(
  db: DbOrTx,
  input: { userId: string; item: Item; side: DocumentSide; contentType: string; bytes: Uint8Array },
): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(documents).values({
    id,
    userId: input.userId,
    item: input.item,
    side: input.side,
    contentType: input.contentType,
    size: input.bytes.length,
    // The row id is bound into the ciphertext: a file swapped between rows will not decrypt.
    dataEnc: encryptBytes(input.bytes, purpose(id)),
  });
  return id;
}

export async function readDocument(db: DbOrTx, id: string): Promise<{ userId: string; item: Item; contentType: string; bytes: Buffer } | null> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  if (!row) return null;
  return { userId: row.userId, item: row.item, contentType: row.contentType, bytes: decryptBytes(row.dataEnc, purpose(id)) };
}
