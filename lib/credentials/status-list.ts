import "server-only";

import { randomInt } from "node:crypto";
import { gzipSync } from "node:zlib";

import { and, eq, sql } from "drizzle-orm";
import { SignJWT } from "jose";

import type { DbOrTx, Tx } from "@/lib/db/client";
import { credentials, statusLists } from "@/lib/db/schema";
import { absoluteUrl, getEnv } from "@/lib/env";
import { credentialKeyId } from "@/lib/credentials/did";
import { getKeys } from "@/lib/keys";

/**
 * W3C Bitstring Status Lists (https://www.w3.org/TR/vc-bitstring-status-list/).
 * 131,072 entries per list, the W3C minimum, so one entry says nothing about
 * its neighbours; indexes are drawn at random, never reused (the unique index
 * on credentials(status_list_id, status_index) backs that up).
 */
export const STATUS_LIST_SIZE = 131_072;
const STATUS_LIST_TTL_SECONDS = 60;
// Random draws that hit a taken index are retried; a list 90 % full is closed and a new one opened.
const MAX_DRAWS = 32;

/** The VC 1.1 base context, then the Bitstring Status List terms (credentialStatus, BitstringStatusList). */
export const CREDENTIAL_CONTEXTS = ["https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/status/v1"] as const;

export type StatusEntry = { listId: string; index: number };

export function statusListUrl(listId: string): string {
  return absoluteUrl(`/api/v1/status-lists/${listId}`);
}

/** Allocates an unused entry inside the caller's transaction (the list row is locked until it commits). */
export async function allocateStatusEntry(tx: Tx): Promise<StatusEntry> {
  let [list] = await tx
    .select({ id: statusLists.id, size: statusLists.size })
    .from(statusLists)
    .where(and(eq(statusLists.purpose, "revocation"), sql`${statusLists.allocated} * 10 < ${statusLists.size} * 9`))
    .orderBy(statusLists.id)
    .limit(1)
    .for("update");
  if (!list) {
    [list] = await tx
      .insert(statusLists)
      .values({ id: crypto.randomUUID(), purpose: "revocation", size: STATUS_LIST_SIZE, bits: Buffer.alloc(STATUS_LIST_SIZE / 8) })
      .returning({ id: statusLists.id, size: statusLists.size });
  }
  const { id: listId, size } = list!;
  for (let draw = 0; draw < MAX_DRAWS; draw += 1) {
    const index = randomInt(size);
    const [taken] = await tx
      .select({ id: credentials.id })
      .from(credentials)
      .where(and(eq(credentials.statusListId, listId), eq(credentials.statusIndex, index)));
    if (taken) continue;
    await tx
      .update(statusLists)
      .set({ allocated: sql`${statusLists.allocated} + 1` })
      .where(eq(statusLists.id, listId));
    return { listId, index };
  }
  throw new Error("status list allocation kept colliding");
}

/** The multibase form the W3C spec requires: "u" + base64url (no padding) of the GZIP-compressed bitstring. */
export function encodeStatusList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString("base64url")}`;
}

export async function getStatusList(db: DbOrTx, listId: string) {
  const [list] = await db.select().from(statusLists).where(eq(statusLists.id, listId));
  return list ?? null;
}

/**
 * The status list credential as a VC-JWT in VC 1.1's JWT encoding, like the credentials it
 * serves: each registered claim is the credential property it stands for (`iss` = issuer,
 * `sub` = credentialSubject.id, `jti` = id, `nbf` = issuanceDate, `exp` = expirationDate).
 * A fresh one is signed per request, so it is issued now and holds the list as it is now.
 */
export async function signedStatusListCredential(list: { id: string; purpose: string; bits: Buffer }): Promise<string> {
  const issuer = getEnv().credentialIssuer;
  const { privateKey, kid } = getKeys().credential;
  const url = statusListUrl(list.id);
  const subjectId = `${url}#list`;
  const now = Math.floor(Date.now() / 1000);
  const exp = now + STATUS_LIST_TTL_SECONDS * 10;
  return new SignJWT({
    vc: {
      "@context": [...CREDENTIAL_CONTEXTS],
      id: url,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer,
      issuanceDate: new Date(now * 1000).toISOString(),
      expirationDate: new Date(exp * 1000).toISOString(),
      credentialSubject: {
        id: subjectId,
        type: "BitstringStatusList",
        statusPurpose: list.purpose,
        encodedList: encodeStatusList(list.bits),
        ttl: STATUS_LIST_TTL_SECONDS * 1000,
      },
    },
  })
    .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: credentialKeyId(kid) })
    .setIssuer(issuer)
    .setSubject(subjectId)
    .setJti(url)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(exp)
    .sign(privateKey);
}

export const STATUS_LIST_CACHE_CONTROL = `public, max-age=${STATUS_LIST_TTL_SECONDS}, must-revalidate`;
