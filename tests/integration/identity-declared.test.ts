import { describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { submitDeclaredItem } from "@/lib/account/declared";
import { effectiveState, getItem } from "@/lib/items/store";
import { withdrawItem } from "@/lib/account/lifecycle";
import { createUser } from "@/tests/support/factories";

async function stateOf(userId: string, item: Parameters<typeof getItem>[2]) {
  const stored = await getItem(await getDb(), userId, item);
  return stored ? effectiveState(stored) : "missing";
}

describe("declared items: name, date of birth, nationality, address", () => {
  it("missing → pending on submit, with the parsed value stored", async () => {
    const user = await createUser();
    const db = await getDb();
    expect(await submitDeclaredItem(db, user.id, "name", { first_name: " Zoë ", last_name: "Quintero" })).toBe("pending");
    const stored = await getItem(db, user.id, "name");
    expect(stored?.state).toBe("pending");
    expect(stored?.value).toEqual({ first_name: "Zoë", last_name: "Quintero", full_name: "Zoë Quintero" });

    await submitDeclaredItem(db, user.id, "date_of_birth", "1990-04-12");
    await submitDeclaredItem(db, user.id, "nationality", "gb");
    await submitDeclaredItem(db, user.id, "address", { street: "1 High St", city: "Leeds", postal_code: "ls1 1aa", country: "GB" });
    expect(await stateOf(user.id, "nationality")).toBe("pending");
    expect((await getItem(db, user.id, "nationality"))?.value).toBe("GB");
    expect((await getItem(db, user.id, "address"))?.value).toEqual({ street: "1 High St", city: "Leeds", state: "", postal_code: "LS1 1AA", country: "GB" });
  });

  it("verified stays verified when the same value is sent again, and goes back to pending when it changes", async () => {
    const user = await createUser({ items: { nationality: { state: "verified", value: "FR" } } });
    const db = await getDb();
    expect(await submitDeclaredItem(db, user.id, "nationality", "FR")).toBe("unchanged");
    expect(await stateOf(user.id, "nationality")).toBe("verified");
    expect(await submitDeclaredItem(db, user.id, "nationality", "DE")).toBe("pending");
    expect(await stateOf(user.id, "nationality")).toBe("pending");
  });

  it("rejected → pending when provided again, even with the same value", async () => {
    const user = await createUser({ items: { date_of_birth: { state: "rejected", value: "1980-01-01" } } });
    expect(await submitDeclaredItem(await getDb(), user.id, "date_of_birth", "1980-01-01")).toBe("pending");
    expect(await stateOf(user.id, "date_of_birth")).toBe("pending");
  });

  it.each([
    { item: "name" as const, input: { first_name: "", last_name: "X" }, field: "first_name" },
    { item: "date_of_birth" as const, input: "2020-01-01", field: "value" },
    { item: "date_of_birth" as const, input: "1990-02-30", field: "value" },
    { item: "nationality" as const, input: "XX", field: "value" },
    { item: "address" as const, input: { street: "1 High St", city: "", postal_code: "LS1", country: "GB" }, field: "city" },
  ])("invalid $item names the field $field and stores nothing", async ({ item, input, field }) => {
    const user = await createUser();
    const error = await submitDeclaredItem(await getDb(), user.id, item, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details?.fields).toHaveProperty(field);
    expect(await getItem(await getDb(), user.id, item)).toBeNull();
  });

  it("withdraw → missing, value erased", async () => {
    const user = await createUser({ items: { address: { state: "verified", value: { street: "1 High St", city: "Leeds", state: "", postal_code: "LS1", country: "GB" } } } });
    await withdrawItem(await getDb(), user.id, "address");
    const stored = await getItem(await getDb(), user.id, "address");
    expect(stored?.state).toBe("missing");
    expect(stored?.value).toBeNull();
  });

  it("email and aml cannot be withdrawn on their own", async () => {
    const user = await createUser({ items: { email: { state: "verified", value: "x@example.com" } } });
    await expect(withdrawItem(await getDb(), user.id, "email")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await stateOf(user.id, "email")).toBe("verified");
  });
});
