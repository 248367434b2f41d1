import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { issueCredential, issueOwnCredential } from "@/lib/credentials/issue";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { currentSanctionsListInfo } from "@/lib/screening/sanctions-list";
import { submitDeclaredItem } from "@/lib/account/declared";
import { getItem, writeItem } from "@/lib/items/store";
import { withdrawItem } from "@/lib/account/lifecycle";
import { prepareDatabase } from "@/lib/startup";
import { buildScreeningIndex, parseSanctionsCsv } from "@/lib/screening/matcher";
import { lastScreening, replaceSanctionsList, rescreenEveryone, screenUser } from "@/lib/screening/screen";
import { SANCTIONS_CSV_HEADER } from "@/lib/screening/csv";
import { createFundedAccount, createPerson, grantIssuanceItems, revocationOf } from "@/tests/support/credentials";
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
      const { writeItem } = await import("@/lib/items/store");
      await writeItem(tx, { userId: person.id, item: "aml", state: "verified", value: current!.value, action: "test.reviewer_cleared", actorId: admin.id });
    });
    await replaceSanctionsList(db, { csv: listWith([entry, { id: `t3-${surname}`, name: `Someone ${uniqueSurname()}` }]), source: "test", staffId: admin.id });
    expect((await amlOf(person.id)).state).toBe("verified");

    const again = await rescreenEveryone(db);
    expect(again.screened).toBeGreaterThan(0);
  });

  describe("a reviewer's clearance holds for the identity reviewed", () => {
    const cases = [
      { name: "the same list loaded again keeps it", change: async () => {}, expected: "verified" },
      {
        name: "a name changed to the listed name itself sends it back to review",
        change: async (userId: string, surname: string) => submitDeclaredItem(await getDb(), userId, "name", { first_name: "Odile", last_name: surname }),
        expected: "pending",
      },
      {
        name: "a date of birth added sends it back to review",
        change: async (userId: string) => submitDeclaredItem(await getDb(), userId, "date_of_birth", "1980-01-01"),
        expected: "pending",
      },
    ];
    for (const { name, change, expected } of cases) {
      it(name, async () => {
        const db = await getDb();
        const surname = uniqueSurname();
        const admin = await createUser({ role: "admin" });
        // The entry is found through its alias first, then through its name: the same entry either way.
        const entry = { id: `t4-${surname}`, name: `Odile ${surname}`, aliases: `Odette ${surname}` };
        const person = await createUser();
        await submitDeclaredItem(db, person.id, "name", { first_name: "Odette", last_name: surname });
        await replaceSanctionsList(db, { csv: listWith([entry]), source: "test", staffId: admin.id });
        expect(await amlOf(person.id)).toMatchObject({ state: "pending", value: { status: "hit" } });
        const current = await getItem(db, person.id, "aml");
        await db.transaction((tx) => writeItem(tx, { userId: person.id, item: "aml", state: "verified", value: current!.value, action: "test.reviewer_cleared", actorId: admin.id }));

        await change(person.id, surname);
        if (expected === "pending") expect((await amlOf(person.id)).state).toBe("pending");
        await replaceSanctionsList(db, { csv: listWith([entry, { id: `t5-${surname}`, name: `Someone ${uniqueSurname()}` }]), source: "test", staffId: admin.id });
        expect((await amlOf(person.id)).state).toBe(expected);
        expect((await lastScreening(db, person.id))?.matches.map((m) => m.entryId)).toEqual([entry.id]);
      });
    }
  });

  it("revokes the credentials that relied on a clear screening when a new list finds a possible match", async () => {
    const db = await getDb();
    const surname = uniqueSurname();
    const admin = await createUser({ role: "admin" });
    const person = await createPerson({ override: { name: { state: "verified", value: { first_name: "Odile", last_name: surname, full_name: `Odile ${surname}` } } } });
    const tier3 = await issueOwnCredential(db, person.user.id);
    expect(tier3.tier).toBe("Tier3");
    const { account, partnerOcid } = await createFundedAccount(100);
    await grantIssuanceItems(person.user.id, partnerOcid!);
    const tier1 = await issueCredential(db, { kind: "account", accountId: account.id }, { ...person.request, full_name: `Odile ${surname}`, tier: "Tier1" });

    await replaceSanctionsList(db, { csv: listWith([{ id: `t6-${surname}`, name: `Odile ${surname}` }]), source: "test", staffId: admin.id });

    expect((await amlOf(person.user.id)).state).toBe("pending");
    expect(await revocationOf(tier3.credential_id!)).toEqual({ revoked: true, reason: "aml no longer verified", bit: true });
    // Tier 1 never relied on the screening.
    expect(await revocationOf(tier1.credential_id!)).toEqual({ revoked: false, reason: null, bit: false });
  });

  it("revokes them too when screening one person finds a possible match", async () => {
    const db = await getDb();
    const surname = uniqueSurname();
    const person = await createPerson({ override: { name: { state: "verified", value: { first_name: "Odile", last_name: surname, full_name: `Odile ${surname}` } } } });
    const issued = await issueOwnCredential(db, person.user.id);
    // A list of its own for this one screening, so no one else is re-screened against it.
    const index = buildScreeningIndex(parseSanctionsCsv(listWith([{ id: `t7-${surname}`, name: `Odile ${surname}` }])));
    const outcome = await db.transaction((tx) => screenUser(tx, person.user.id, { list: { version: `one-off-${surname}`, index } }));
    expect(outcome.status).toBe("hit");
    expect((await amlOf(person.user.id)).state).toBe("pending");
    expect(await revocationOf(issued.credential_id!)).toEqual({ revoked: true, reason: "aml no longer verified", bit: true });
  });

  it("loads SANCTIONS_LIST at start-up and screens everyone against it, once per file content", async () => {
    const db = await getDb();
    const surname = uniqueSurname();
    const person = await createUser();
    await submitDeclaredItem(db, person.id, "name", { first_name: "Ines", last_name: surname });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "attest-list-")), "targets.simple.csv");
    writeFileSync(file, listWith([{ id: `t9-${surname}`, name: `Ines ${surname}` }]));
    const env = { ...getEnv(), seedDemo: false, sanctionsList: file };
    await prepareDatabase(db, env);
    const loaded = await currentSanctionsListInfo(db);
    expect(loaded?.source).toBe(file);
    expect(await amlOf(person.id)).toMatchObject({ state: "pending", value: { status: "hit", list: loaded!.version } });
    // The next start with the same file loads nothing new.
    await prepareDatabase(db, env);
    expect((await currentSanctionsListInfo(db))?.id).toBe(loaded!.id);
  });

  it("refuses a file that is not a sanctions list and keeps the list in force", async () => {
    const db = await getDb();
    const admin = await createUser({ role: "admin" });
    await expect(replaceSanctionsList(db, { csv: "name,birth\nX,1970", source: "test", staffId: admin.id })).rejects.toMatchObject({ code: "INVALID_REQUEST" });
    await expect(replaceSanctionsList(db, { csv: SANCTIONS_CSV_HEADER, source: "test", staffId: admin.id })).rejects.toThrow("no people");
  });
});
