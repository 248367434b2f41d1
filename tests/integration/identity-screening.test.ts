import { describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import { submitDeclaredItem } from "@/lib/kyc/declared";
import { getItem } from "@/lib/kyc/item-store";
import { withdrawItem } from "@/lib/kyc/lifecycle";
import { lastScreening, replaceSanctionsList, rescreenEveryone } from "@/lib/kyc/screening-store";
import { SANCTIONS_CSV_HEADER } from "@/lib/kyc/screening/csv";
import { createUser } from "@/tests/support/factories";

/**
 * The list is global, so each test loads its own with invented names nobody else uses;
 * whatever list another test loads later still will not match these people.
 */
function uniqueSurname(): string {
  const letters = "bcdfghklmnprstvz";
  return "Q" + Array.from({ length: 8 }, (_, i) => (i % 2 ? "aeiou"[Math.floor(Math.random() * 5)] : letters[Math.floor(Math.random() * letters.length)])).join("");
}

function listWith(rows: { id: string; name: string; aliases?: string; birth?: string }[]): string {
  return [SANCTIONS_CSV_HEADER, ...rows.map((r) => `${r.id},Person,${r.name},${r.aliases ?? ""},${r.birth ?? ""},xx,,,,,,,test,,,`)].join("\n");
}

async function amlOf(userId: string) {
  const item = await getItem(await getDb(), userId, "aml");
  return { state: item?.state ?? "missing", value: item?.value as { status: string; list: string } | undefined };
}

describe("sanctions screening of stored people", () => {
  it("screens on name and date of birth changes: a match → pending with matches, no match → verified clear", async () => {
    const db = await getDb();
    const surname = uniqueSurname();
    const admin = await createUser({ role: "admin" });
    const { list } = await replaceSanctionsList(db, {
      csv: listWith([{ id: `t-${surname}`, name: `Émile ${surname}`, aliases: `E. ${surname}`, birth: "1970-05-05" }]),
      source: "test",
      staffId: admin.id,
    });

    const clear = await createUser();
    await submitDeclaredItem(db, clear.id, "name", { first_name: "Harriet", last_name: uniqueSurname() });
    expect(await amlOf(clear.id)).toMatchObject({ state: "verified", value: { status: "clear", list: list.version } });

    const person = await createUser();
    // Accents and word order do not hide a listed name.
    await submitDeclaredItem(db, person.id, "name", { first_name: surname, last_name: "Emile" });
    expect(await amlOf(person.id)).toMatchObject({ state: "pending", value: { status: "hit" } });
    const screening = await lastScreening(db, person.id);
    expect(screening?.matches[0]).toMatchObject({ entryId: `t-${surname}` });

    // A contradicting birth date lowers the score below the threshold.
    await submitDeclaredItem(db, person.id, "date_of_birth", "1999-01-01");
    expect(await amlOf(person.id)).toMatchObject({ state: "verified", value: { status: "clear" } });

    // Withdrawing the name leaves nothing to screen.
    await withdrawItem(db, person.id, "name");
    expect((await amlOf(person.id)).state).toBe("missing");
  });

  it("re-screens everyone when a new list is loaded, keeping a reviewer's clearance of the same match", async () => {
    const db = await getDb();
    const surname = uniqueSurname();
    const admin = await createUser({ role: "admin" });
    const person = await createUser();
    await submitDeclaredItem(db, person.id, "name", { first_name: "Odile", last_name: surname });
    expect((await amlOf(person.id)).value?.status).not.toBe("hit");

    const entry = { id: `t2-${surname}`, name: `Odile ${surname}` };
    const { list } = await replaceSanctionsList(db, { csv: listWith([entry]), source: "test", staffId: admin.id });
    expect(await amlOf(person.id)).toMatchObject({ state: "pending", value: { status: "hit", list: list.version } });

    // A reviewer clears the false positive, then the same list is loaded again with an extra row.
    const current = await getItem(db, person.id, "aml");
    await db.transaction(async (tx) => {
      const { writeItem } = await import("@/lib/kyc/item-store");
      await writeItem(tx, { userId: person.id, item: "aml", state: "verified", value: current!.value, action: "test.reviewer_cleared", actorId: admin.id });
    });
    await replaceSanctionsList(db, { csv: listWith([entry, { id: `t3-${surname}`, name: `Someone ${uniqueSurname()}` }]), source: "test", staffId: admin.id });
    expect((await amlOf(person.id)).state).toBe("verified");

    const again = await rescreenEveryone(db);
    expect(again.screened).toBeGreaterThan(0);
  });

  it("refuses a file that is not a sanctions list and keeps the list in force", async () => {
    const db = await getDb();
    const admin = await createUser({ role: "admin" });
    await expect(replaceSanctionsList(db, { csv: "name,birth\nX,1970", source: "test", staffId: admin.id })).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    await expect(replaceSanctionsList(db, { csv: SANCTIONS_CSV_HEADER, source: "test", staffId: admin.id })).rejects.toThrow("no people");
  });
});
