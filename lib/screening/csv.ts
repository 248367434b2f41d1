/**
 * Reads a sanctions list in the OpenSanctions "targets.simple.csv" layout. Only rows
 * that may be people are kept: screening compares people's names and birth dates.
 */
import { parse } from "csv-parse/sync";

export interface SanctionsEntry {
  id: string;
  schema: string;
  name: string;
  aliases: string[];
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD"; several when sources disagree. */
  birthDates: string[];
  countries: string[];
  dataset: string;
  /** The sanctions programmes or regimes behind the listing (the "sanctions" and "program_ids" columns). */
  programs?: string[];
}

export const SANCTIONS_CSV_HEADER =
  "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,program_ids,dataset,first_seen,last_seen,last_change";
const REQUIRED_COLUMNS = ["id", "schema", "name", "aliases", "birth_date", "countries"] as const;

// "LegalEntity" is what OpenSanctions uses when a source does not say whether the target
// is a person or a company; dropping it could hide a person, so it is screened too.
const PEOPLE_SCHEMAS = new Set(["Person", "LegalEntity", ""]);
const PARTIAL_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

function list(cell: string | undefined): string[] {
  if (!cell) return [];
  return [...new Set(cell.split(";").map((v) => v.trim()).filter(Boolean))];
}

export function parseSanctionsCsv(text: string): SanctionsEntry[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new Error(`The sanctions list is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = rows;
  const column = new Map((header ?? []).map((name, i) => [name.trim(), i]));
  const missing = REQUIRED_COLUMNS.filter((c) => !column.has(c));
  if (missing.length > 0) {
    throw new Error(
      `The sanctions list is missing the column(s) ${missing.join(", ")}; expected the OpenSanctions targets.simple.csv header: ${SANCTIONS_CSV_HEADER}`,
    );
  }
  const cell = (row: string[], name: string): string => {
    const i = column.get(name);
    return i === undefined ? "" : (row[i] ?? "").trim();
  };

  const entries: SanctionsEntry[] = [];
  for (const row of body) {
    const schema = cell(row, "schema");
    const name = cell(row, "name");
    if (!PEOPLE_SCHEMAS.has(schema) || !name) continue;
    entries.push({
      id: cell(row, "id"),
      schema,
      name,
      aliases: list(cell(row, "aliases")).filter((a) => a !== name),
      birthDates: list(cell(row, "birth_date")).filter((d) => PARTIAL_DATE.test(d)),
      countries: list(cell(row, "countries")),
      dataset: cell(row, "dataset"),
      programs: [...new Set([...list(cell(row, "sanctions")), ...list(cell(row, "program_ids"))])],
    });
  }
  return entries;
}
