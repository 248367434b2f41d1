import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeaders);

import { GET as exportAudit } from "@/app/(admin)/admin/audit/export/route";
import { entryLeafHash, recordAudit } from "@/lib/audit/log";
import { exportAuditEntries } from "@/lib/audit/query";
import { sequenceAll } from "@/lib/transparency/tree";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { createUser } from "@/tests/support/factories";
import { actAs } from "@/tests/support/request-context";

type Line = { id: number; createdAt: string; actorType: string; actorId: string | null; action: string; subjectUserId: string | null; partnerOcid: number | null; details: Record<string, unknown>; leafIndex: number | null; leafHash: string };

async function asAuditor(): Promise<void> {
  await actAs((await createUser({ role: "auditor" })).id);
}

async function withEntries(count: number): Promise<string> {
  const person = await createUser();
  await (await getDb()).transaction(async (tx) => {
    for (let n = 1; n <= count; n += 1) await recordAudit(tx, { actor: { type: "system" }, action: `test.export_${n}`, subjectUserId: person.id });
  });
  return person.id;
}

const exportUrl = (query = "") => new URL(`/admin/audit/export${query}`, getEnv().publicUrl).toString();

async function exportLines(query = ""): Promise<Line[]> {
  const response = await exportAudit(new Request(exportUrl(query)));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/x-ndjson");
  return (await response.text()).trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Line);
}

describe("audit export", () => {
  // Opening (and migrating) the database is not the first test's time.
  beforeAll(async () => void (await getDb()));

  it("reads oldest first, each line with its leaf index and a leaf hash recomputable from the line", async () => {
    const subject = await withEntries(3);
    await sequenceAll(await getDb());
    await asAuditor();
    const lines = await exportLines();
    let lastId = 0;
    for (const line of lines) {
      expect(line.id).toBeGreaterThan(lastId);
      expect(entryLeafHash(line).toString("hex")).toBe(line.leafHash);
      lastId = line.id;
    }
    expect(lines.filter((line) => line.subjectUserId === subject).every((line) => Number.isInteger(line.leafIndex))).toBe(true);
    expect(lines.filter((line) => line.subjectUserId === subject).map((line) => line.action)).toEqual(["test.export_1", "test.export_2", "test.export_3"]);
  });

  it("pages by ascending id across batches, without repeats or gaps", async () => {
    const subject = await withEntries(5);
    const batches: number[][] = [];
    for await (const rows of exportAuditEntries(await getDb(), { subject }, 2)) batches.push(rows.map((row) => row.id));
    expect(batches.map((ids) => ids.length)).toEqual([2, 2, 1]);
    const ids = batches.flat();
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(5);
  });

  it("filters, and a filtered export keeps each line's own leaf hash", async () => {
    const subject = await withEntries(2);
    await asAuditor();
    const lines = await exportLines(`?subject=${subject}&action=test.export_2`);
    expect(lines.map((line) => [line.subjectUserId, line.action])).toEqual([[subject, "test.export_2"]]);
    expect(entryLeafHash(lines[0]!).toString("hex")).toBe(lines[0]!.leafHash);
  });

  const badFilters = [
    { name: "a NUL in the subject", query: "?subject=a%00b" },
    { name: "a control character in the action", query: "?action=staff.invited%01" },
    { name: "an actor longer than 100 characters", query: `?actor=${"x".repeat(101)}` },
    { name: "a bad value beside a good one", query: "?action=staff.invited&subject=%00" },
  ];
  it.each(badFilters)("answers $name with a 400 envelope, never a 500 or a cut-off download", async ({ query }) => {
    await asAuditor();
    const response = await exportAudit(new Request(exportUrl(query)));
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("INVALID_REQUEST");
    expect(body.error.message).toMatch(/^(subject|action|actor): /);
  });

  it("treats empty filter values as no filter", async () => {
    const subject = await withEntries(1);
    await asAuditor();
    const lines = await exportLines("?action=&actor=%20&subject=");
    expect(lines.some((line) => line.subjectUserId === subject)).toBe(true);
  });
});
