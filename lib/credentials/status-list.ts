import "server-only";

import { randomInt } from "node:crypto";
import { gzipSync } from "node:zlib";

import { and, eq, sql, type SQLWrapper } from "drizzle-orm";
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
// Random draws that all hit taken entries close the list: with 16, lists close at about 85 % full.
const MAX_DRAWS = 16;

/** The VC 1.1 base context, then the Bitstring Status List terms (credentialStatus, BitstringStatusList). */
export const CREDENTIAL_CONTEXTS = ["https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/status/v1"] as const;

export type StatusEntry = { listId: string; index: number };

export function statusListUrl(listId: string): string {
  return absoluteUrl(`/api/v1/status-lists/${listId}`);
}

const open = and(eq(statusLists.purpose, "revocation"), sql`${statusLists.allocated} * 10 < ${statusLists.size} * 9`);

/**
 * Allocates an unused entry inside the caller's transaction, which then records a credential
 * on it, without a lock on the list's row: issuances of one list would otherwise queue on it.
 * An entry is ours when no credential holds it and we hold its transaction-scoped try-lock
 * (never waited for; two-key advisory locks are a space of their own), so two transactions
 * drawing the same index at once cannot both take it, and once ours commits the credential row
 * says it is taken. A list stays open until MAX_DRAWS draws in a row hit taken entries; then
 * its count is recorded in `allocated`, closing it, and a new list is opened.
 */
export async function allocateStatusEntry(tx: Tx): Promise<StatusEntry> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // The open list and the first draw in one statement: only a collision costs another round trip.
    const openList = tx.select({ id: statusLists.id, size: statusLists.size }).from(statusLists).where(open).orderBy(statusLists.id).limit(1).as("open_list");
    const firstIndex = randomInt(STATUS_LIST_SIZE);
    let [list] = await tx.select({ id: openList.id, size: openList.size, free: isFree(openList.id, openList.size, firstIndex) }).from(openList);
    if (list?.free) return { listId: list.id, index: firstIndex };
    if (!list) {
      [list] = await tx
        .insert(statusLists)
        .values({ id: crypto.randomUUID(), purpose: "revocation", size: STATUS_LIST_SIZE, bits: Buffer.alloc(STATUS_LIST_SIZE / 8) })
        .returning({ id: statusLists.id, size: statusLists.size, free: sql<boolean>`false` });
    }
    const { id: listId, size } = list!;
    for (let draw = 1; draw < MAX_DRAWS; draw += 1) {
      const index = randomInt(size);
      const [entry] = await tx.select({ free: isFree(statusLists.id, statusLists.size, index) }).from(statusLists).where(eq(statusLists.id, listId));
      if (entry?.free) return { listId, index };
    }
    const count = sql`(select count(*)::int from ${credentials} where ${credentials.statusListId} = ${listId})`;
    await tx.update(statusLists).set({ allocated: sql`greatest(${count}, ${Math.ceil(size * 0.9)})` }).where(eq(statusLists.id, listId));
  }
  throw new Error("status list allocation kept colliding");
}

/** Whether entry `index` of the list is ours: inside it, held by no credential, and its try-lock taken now. */
function isFree(listId: SQLWrapper, size: SQLWrapper, index: number) {
  const taken = sql`exists (select 1 from ${credentials} where ${credentials.statusListId} = ${listId} and ${credentials.statusIndex} = ${index})`;
  return sql<boolean>`${index} < ${size} and pg_try_advisory_xact_lock(hashtext(${listId}), ${index}) and not ${taken}`;
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
