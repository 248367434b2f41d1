import "server-only";

import { createHash } from "node:crypto";

import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq, lt, or } from "drizzle-orm";
import type { Adapter, AdapterUser } from "next-auth/adapters";

import type { Db } from "@/lib/db/client";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { blindIndex, decryptText, encryptText } from "@/lib/security/encryption";

/**
 * Auth.js's Drizzle adapter with the email address kept out of the database
 * in clear: the `email` column the adapter queries holds the address's blind
 * index, the address itself is stored encrypted in `email_enc`, and
 * verification tokens are keyed by the blind index too. Sessions are stored
 * under the SHA-256 of their token, as API keys are: reading the table is not
 * enough to act as anyone signed in.
 */
export type AttestUser = AdapterUser & { ocid: number; role: "reviewer" | "admin" | "auditor" | null };

type UserRow = typeof users.$inferSelect;

const EMAIL_PURPOSE = "users.email";

/** What the sessions table holds for a session cookie's token (hex SHA-256; the migration hashed older rows the same way). */
export function sessionTokenHash(sessionToken: string): string {
  return createHash("sha256").update(sessionToken, "utf8").digest("hex");
}

function toAdapterUser(row: UserRow | null | undefined): AttestUser | null {
  if (!row) return null;
  return {
    id: row.id,
    email: row.emailEnc ? decryptText(row.emailEnc, EMAIL_PURPOSE) : "",
    emailVerified: row.emailVerified,
    name: null,
    image: null,
    ocid: row.ocid,
    role: row.role,
  };
}

/** Column values for storing an address: its blind index and its ciphertext. */
export function emailColumns(email: string): { email: string; emailEnc: string } {
  const normalised = email.trim().toLowerCase();
  return { email: blindIndex("email", normalised), emailEnc: encryptText(normalised, EMAIL_PURPOSE) };
}

export function createAuthAdapter(db: Db): Adapter {
  const base = DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens });
  const asRow = (user: unknown) => toAdapterUser(user as UserRow);
  return {
    ...base,
    async createUser({ email, emailVerified }) {
      const created = await base.createUser!({ ...emailColumns(email), emailVerified } as unknown as AdapterUser);
      return asRow(created)!;
    },
    async getUser(id) {
      return asRow(await base.getUser!(id));
    },
    async getUserByEmail(email) {
      return asRow(await base.getUserByEmail!(blindIndex("email", email.trim().toLowerCase())));
    },
    async getUserByAccount(account) {
      return asRow(await base.getUserByAccount!(account));
    },
    async updateUser({ email, ...rest }) {
      const values = email ? { ...rest, ...emailColumns(email) } : rest;
      return asRow(await base.updateUser!(values as AdapterUser))!;
    },
    async createSession(session) {
      const created = await base.createSession!({ ...session, sessionToken: sessionTokenHash(session.sessionToken) });
      // The browser gets the token itself; only the database keeps the hash.
      return { ...created, sessionToken: session.sessionToken };
    },
    async getSessionAndUser(sessionToken) {
      const found = await base.getSessionAndUser!(sessionTokenHash(sessionToken));
      return found ? { session: { ...found.session, sessionToken }, user: asRow(found.user)! } : null;
    },
    async updateSession(session) {
      const updated = await base.updateSession!({ ...session, sessionToken: sessionTokenHash(session.sessionToken) });
      return updated ? { ...updated, sessionToken: session.sessionToken } : updated;
    },
    async deleteSession(sessionToken) {
      await base.deleteSession!(sessionTokenHash(sessionToken));
    },
    async createVerificationToken(token) {
      const identifier = blindIndex("email", token.identifier);
      // One link works at a time: a new one replaces older unused ones, and expired links go with them.
      await db.delete(verificationTokens).where(or(eq(verificationTokens.identifier, identifier), lt(verificationTokens.expires, new Date())));
      await base.createVerificationToken!({ ...token, identifier });
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      const used = await base.useVerificationToken!({ identifier: blindIndex("email", identifier), token });
      return used ? { ...used, identifier } : null;
    },
  };
}
