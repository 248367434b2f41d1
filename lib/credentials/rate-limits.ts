import "server-only";

import { eq } from "drizzle-orm";

import type { Principal } from "@/lib/credentials/bearer-tokens";
import type { DbOrTx } from "@/lib/db/client";
import { apiAccounts } from "@/lib/db/schema";
import { DEFAULT_RATE_LIMIT_PER_MINUTE, enforceRateLimit } from "@/lib/http/rate-limiter";
import { processCache } from "@/lib/state/bounded-cache";

/**
 * The Credentials API's rate limit, per API account (SPEC §13). Routes that hold the account
 * row pass its limit; bearer-token routes know only the account id, so its limit is read at
 * most every 30 seconds per instance (an admin's change takes effect within that).
 */
const LIMIT_TTL_MS = 30_000;
const limits = processCache<string, { limit: number; until: number }>("account-rate-limits", 10_000);

async function accountLimit(db: DbOrTx, accountId: string): Promise<number> {
  const cached = limits.get(accountId);
  if (cached && cached.until > Date.now()) return cached.limit;
  const [row] = await db.select({ limit: apiAccounts.rateLimitPerMinute }).from(apiAccounts).where(eq(apiAccounts.id, accountId));
  const limit = row?.limit ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  limits.set(accountId, { limit, until: Date.now() + LIMIT_TTL_MS });
  return limit;
}

export async function enforceAccountRateLimit(db: DbOrTx, account: { id: string; rateLimitPerMinute?: number }): Promise<void> {
  const limit = account.rateLimitPerMinute ?? (await accountLimit(db, account.id));
  await enforceRateLimit(`account:${account.id}`, limit);
}

/** Accounts are limited; a person's own token is not (they issue for themselves, free). */
export async function enforcePrincipalRateLimit(db: DbOrTx, principal: Principal): Promise<void> {
  if (principal.kind === "account") await enforceAccountRateLimit(db, { id: principal.accountId });
}
