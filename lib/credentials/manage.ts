import "server-only";

import { and, desc, eq } from "drizzle-orm";

import type { z } from "zod";

import type { AuditActor } from "@/lib/audit/log";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { revokeResponseSchema } from "@/lib/credentials/api-schemas";
import type { Principal } from "@/lib/credentials/bearer-tokens";
import { revokeCredential } from "@/lib/credentials/revocation";
import type { Db, DbOrTx } from "@/lib/db/client";
import { apiAccounts, credentials, users } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { decryptText } from "@/lib/security/encryption";

/** Listing and revoking issued credentials: by the issuing account, by staff, by the person. */
export type CredentialStatus = "valid" | "revoked" | "expired";

export function credentialStatus(row: { revokedAt: Date | null; expiresAt: Date }, now = new Date()): CredentialStatus {
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "valid";
}

/** `POST /api/v1/credentials/{id}/revoke`: only the account that paid for the credential may revoke it. */
export async function revokeIssuedCredential(db: Db, principal: Principal, credentialId: string): Promise<z.infer<typeof revokeResponseSchema>> {
  if (principal.kind !== "account") throw new AppError("FORBIDDEN", "Only the issuing API account can revoke a credential through the API");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ accountId: credentials.accountId })
      .from(credentials)
      .where(eq(credentials.id, credentialId));
    // Another account's credential reads as absent: ids are not a way to probe.
    if (!row || row.accountId !== principal.accountId) throw new AppError("NOT_FOUND", "No credential with this id was issued by your account");
    await revokeCredential(tx, credentialId, "revoked by the issuing account", { type: "api_account", id: principal.accountId });
  });
  return { status: "revoked", credential_id: credentialId };
}

export async function revokeByStaff(db: Db, credentialId: string, staffId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await assertStaffMay(tx, staffId, "credentials.revoke");
    return revokeCredential(tx, credentialId, "revoked by staff", { type: "staff", id: staffId });
  });
}

export async function revokeOwnCredential(db: Db, userId: string, credentialId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: credentials.id })
      .from(credentials)
      .where(and(eq(credentials.id, credentialId), eq(credentials.userId, userId)));
    if (!row) throw new AppError("NOT_FOUND", "No such credential");
    const actor: AuditActor = { type: "user", id: userId };
    return revokeCredential(tx, credentialId, "revoked by the holder", actor);
  });
}

export async function listOwnCredentials(db: DbOrTx, userId: string) {
  const rows = await db.select().from(credentials).where(eq(credentials.userId, userId)).orderBy(desc(credentials.issuedAt));
  return rows.map((row) => ({
    id: row.id,
    tier: row.tier,
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    status: credentialStatus(row),
    token: row.tokenEnc ? decryptText(row.tokenEnc, `credentials.token:${row.id}`) : null,
  }));
}

export async function listCredentialsForStaff(db: DbOrTx, limit = 200) {
  const rows = await db
    .select({
      id: credentials.id,
      tier: credentials.tier,
      issuedAt: credentials.issuedAt,
      expiresAt: credentials.expiresAt,
      revokedAt: credentials.revokedAt,
      revokedReason: credentials.revokedReason,
      userOcid: users.ocid,
      accountName: apiAccounts.name,
    })
    .from(credentials)
    .leftJoin(users, eq(users.id, credentials.userId))
    .leftJoin(apiAccounts, eq(apiAccounts.id, credentials.accountId))
    .orderBy(desc(credentials.issuedAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, status: credentialStatus(row) }));
}
