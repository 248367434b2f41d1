import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";

import { chargeCredits, chargeCreditsAlone, createAccount, getAccount, ledgerSum, topUp } from "@/lib/credentials/accounts";
import { getDb, type Db } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";

/**
 * Charging is exact without a hot row (lib/credentials/accounts.ts): concurrent charges from
 * two instances on one database take exactly the balance and refuse the rest with 402, and an
 * instance that dies mid-charge leaves nothing taken. On PostgreSQL the second instance is a
 * pool of its own, as another process's would be; on embedded PGlite, which one process owns,
 * both are the same database.
 */
const onPostgres = process.env.TEST_DATABASE === "postgres";
const SYSTEM = { type: "system" as const };
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

/** Another instance's database: its own connection pool on PostgreSQL. */
async function otherInstance(max = 10): Promise<{ db: Db; kill: () => Promise<void> }> {
  if (!onPostgres) return { db: await getDb(), kill: async () => {} };
  const [{ default: postgres }, { drizzle }] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]);
  const client = postgres(process.env.DATABASE_URL!, { max, onnotice: () => {} });
  closers.push(() => client.end());
  // Closing every socket at once, mid-transaction, is what the server sees when a process dies.
  return { db: drizzle({ client, schema }) as unknown as Db, kill: () => client.end({ timeout: 0 }) };
}

async function fundedAccount(credits: number) {
  const db = await getDb();
  const account = await createAccount(db, { name: `Shards ${crypto.randomUUID().slice(0, 8)}` }, SYSTEM);
  await topUp(db, account.id, credits, "test", SYSTEM);
  return account.id;
}

/** Charges in their own transactions (or, `alone`, as one statement); each settles as "paid", "refused" (402) or the error. */
function charge(db: Db, accountId: string, cost = 1, { alone = false } = {}) {
  const charging = alone ? chargeCreditsAlone(db, accountId, cost, "verify") : db.transaction((tx) => chargeCredits(tx, accountId, cost, "verify"));
  return charging.then(
    () => "paid" as const,
    (error: unknown) => (error instanceof AppError && error.code === "INSUFFICIENT_CREDITS" ? ("refused" as const) : Promise.reject(error)),
  );
}

async function expectBalance(accountId: string, balance: number) {
  const db = await getDb();
  expect((await getAccount(db, accountId))!.balance).toBe(balance);
  expect(await ledgerSum(db, accountId)).toBe(balance);
  const shards = await db.select().from(schema.creditShards).where(eq(schema.creditShards.accountId, accountId));
  for (const shard of shards) expect(shard.balance).toBeGreaterThanOrEqual(0);
  return shards;
}

describe(`credits on ${onPostgres ? "PostgreSQL, two instances" : "PGlite"}`, () => {
  it("takes exactly the balance from 100 concurrent charges of two instances and refuses the rest", async () => {
    const accountId = await fundedAccount(60);
    const [a, b] = [await getDb(), (await otherInstance()).db];
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, n) => charge(n % 2 ? a : b, accountId)));
    expect(outcomes.filter((outcome) => outcome === "paid")).toHaveLength(60);
    expect(outcomes.filter((outcome) => outcome === "refused")).toHaveLength(40);
    await expectBalance(accountId, 0);
  });

  it("keeps charges exact when most are single statements and some are in transactions, from two instances", async () => {
    const accountId = await fundedAccount(60);
    const [a, b] = [await getDb(), (await otherInstance()).db];
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, n) => charge(n % 2 ? a : b, accountId, 1, { alone: n % 5 !== 0 })));
    expect(outcomes.filter((outcome) => outcome === "paid")).toHaveLength(60);
    expect(outcomes.filter((outcome) => outcome === "refused")).toHaveLength(40);
    await expectBalance(accountId, 0);
    const ledger = await (await getDb()).select().from(schema.creditLedger).where(eq(schema.creditLedger.accountId, accountId));
    expect(ledger.filter((row) => row.delta === -1)).toHaveLength(60);
  });

  it("spreads a large balance over shards, so charges in flight at once need not wait for one another", async () => {
    const accountId = await fundedAccount(100_000);
    const [a, b] = [await getDb(), (await otherInstance()).db];
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, n) => charge(n % 2 ? a : b, accountId, 3)));
    expect(outcomes.every((outcome) => outcome === "paid")).toBe(true);
    const shards = await expectBalance(accountId, 100_000 - 300);
    // Charges that found every shard taken opened new ones; one process's PGlite runs them one at a time.
    expect(shards.length).toBeGreaterThanOrEqual(onPostgres ? 2 : 1);
    expect(shards.length).toBeLessThanOrEqual(16);
  });

  it("charges a cost that no single shard holds from what they hold together, and refuses one more", async () => {
    const accountId = await fundedAccount(1000);
    const db = await getDb();
    // Spread the credits: a few charges fill shards with blocks of the reserve.
    await Promise.all(Array.from({ length: 8 }, () => charge(db, accountId)));
    const shards = await expectBalance(accountId, 992);
    expect(shards.some((shard) => shard.balance > 0)).toBe(true);
    expect(await charge(db, accountId, 992)).toBe("paid");
    expect(await charge(db, accountId, 1)).toBe("refused");
    await expectBalance(accountId, 0);
  });

  it("loses nothing and takes nothing when an instance dies in the middle of its charges", async () => {
    const accountId = await fundedAccount(50);
    const survivor = (await otherInstance()).db;
    const doomed = await otherInstance(4);
    let charged!: () => void;
    const holding = new Promise<void>((resolve) => (charged = resolve));
    // The doomed instance's transactions each take a credit and then stall, as a process does before it is killed.
    const stalled = Array.from({ length: 4 }, () =>
      doomed.db.transaction(async (tx) => {
        await chargeCredits(tx, accountId, 1, "verify");
        charged();
        await new Promise((resolve) => setTimeout(resolve, onPostgres ? 60_000 : 0));
        if (!onPostgres) throw new Error("the instance died");
      }),
    );
    await holding;
    const racing = Array.from({ length: 30 }, () => charge(survivor, accountId));
    await doomed.kill();
    const died = await Promise.allSettled(stalled);
    expect(died.every((outcome) => outcome.status === "rejected")).toBe(true);
    const outcomes = await Promise.all([...racing, ...Array.from({ length: 40 }, () => charge(survivor, accountId))]);
    // Exactly the 50 credits, none of them to the dead instance's rolled-back charges.
    expect(outcomes.filter((outcome) => outcome === "paid")).toHaveLength(50);
    expect(outcomes.filter((outcome) => outcome === "refused")).toHaveLength(20);
    await expectBalance(accountId, 0);
  });

  it("keeps top-ups and charges that race exact", async () => {
    const accountId = await fundedAccount(10);
    const db = await getDb();
    const other = (await otherInstance()).db;
    const work = [
      ...Array.from({ length: 5 }, () => topUp(other, accountId, 10, "race", SYSTEM).then(() => "topped up" as const)),
      ...Array.from({ length: 80 }, (_, n) => charge(n % 2 ? db : other, accountId)),
    ];
    const outcomes = await Promise.all(work);
    const paid = outcomes.filter((outcome) => outcome === "paid").length;
    expect(paid).toBeGreaterThanOrEqual(10);
    expect(paid).toBeLessThanOrEqual(60);
    await expectBalance(accountId, 60 - paid);
  });
});
