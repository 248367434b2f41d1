import { describe, expect, it } from "vitest";
import { parseSanctionsCsv, SANCTIONS_CSV_HEADER } from "./csv";

function row(values: Partial<Record<string, string>>): string {
  return SANCTIONS_CSV_HEADER.split(",")
    .map((column) => {
      const v = values[column] ?? "";
      return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    })
    .join(",");
}

describe("parseSanctionsCsv", () => {
  it("reads people with their aliases, birth dates and countries", () => {
    const csv = [
      SANCTIONS_CSV_HEADER,
      row({
        id: "x-1",
        schema: "Person",
        name: "Doe, John",
        aliases: "Johnny Doe; J. Doe;;Doe, John",
        birth_date: "1961-02-02;1961;1961-02;circa 1960;",
        countries: "us;ca",
        dataset: "demo",
      }),
    ].join("\n");
    expect(parseSanctionsCsv(csv)).toEqual([
      {
        id: "x-1",
        schema: "Person",
        name: "Doe, John",
        aliases: ["Johnny Doe", "J. Doe"],
        birthDates: ["1961-02-02", "1961", "1961-02"],
        countries: ["us", "ca"],
        dataset: "demo",
        programs: [],
      },
    ]);
  });

  it("keeps people and untyped legal entities, drops companies, vessels and nameless rows", () => {
    const csv = [
      SANCTIONS_CSV_HEADER,
      row({ id: "p", schema: "Person", name: "A Person" }),
      row({ id: "l", schema: "LegalEntity", name: "Unknown Kind" }),
      row({ id: "o", schema: "Organization", name: "An Org" }),
      row({ id: "c", schema: "Company", name: "A Company" }),
      row({ id: "v", schema: "Vessel", name: "A Ship" }),
      row({ id: "n", schema: "Person", name: "" }),
    ].join("\r\n");
    expect(parseSanctionsCsv(csv).map((e) => e.id)).toEqual(["p", "l"]);
  });

  it("tolerates a byte-order mark and a column order of its own", () => {
    const csv = "\uFEFFname,id,schema,aliases,birth_date,countries\nJane Roe,j-1,Person,,,\n";
    expect(parseSanctionsCsv(csv)).toMatchObject([{ id: "j-1", name: "Jane Roe", aliases: [], birthDates: [] }]);
  });

  it.each([
    { name: "no header", csv: "", error: "missing the column(s) id, schema, name, aliases, birth_date, countries" },
    { name: "a different layout", csv: "caption,entity_id\nx,y\n", error: "missing the column(s) id, schema" },
    { name: "no birth_date column", csv: "id,schema,name,aliases,countries\n", error: "missing the column(s) birth_date" },
    { name: "unbalanced quotes", csv: `${SANCTIONS_CSV_HEADER}\n"x-1,Person`, error: "not valid CSV" },
    { name: "a short row", csv: `${SANCTIONS_CSV_HEADER}\nx-1,Person,Jane Roe`, error: "not valid CSV" },
  ])("refuses $name with a clear error", ({ csv, error }) => {
    expect(() => parseSanctionsCsv(csv)).toThrow(error);
  });
});
