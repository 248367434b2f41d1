/**
 * Calendar dates as "YYYY-MM-DD" strings, always interpreted in UTC so a server in one
 * time zone and a browser in another agree on "today" and on someone's age.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The calendar date if `value` is "YYYY-MM-DD" and that day exists (no Feb 30), else null. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls Feb 30 over to Mar 2: a round trip detects days that do not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

/** Today's UTC calendar date as "YYYY-MM-DD". */
export function isoDateOf(instant: Date = new Date()): string {
  return instant.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Both must be valid ISO dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Adds days to an ISO date (used for validity windows). */
export function addDays(date: string, days: number): string {
  return isoDateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/**
 * Completed years between `dob` and `today`. Someone born on 29 February becomes a year
 * older on 1 March in common years, which is what most jurisdictions apply.
 */
export function ageOn(dob: string, today: Date | string = new Date()): number {
  const birth = parseIsoDate(dob);
  const now = parseIsoDate(typeof today === "string" ? today : isoDateOf(today));
  if (!birth || !now) throw new RangeError(`ageOn needs YYYY-MM-DD dates, got ${dob} and ${String(today)}`);
  const hadBirthday = now.month > birth.month || (now.month === birth.month && now.day >= birth.day);
  return now.year - birth.year - (hadBirthday ? 0 : 1);
}

/**
 * The instant a document with this expiry date stops being valid. A document is still
 * valid on its expiry day (the upload check accepts it that day), so it lapses at the
 * start of the next UTC day. Every stored document expiry is computed here, so upload,
 * approval and the expiry sweep agree on the boundary. Null for a date that does not exist.
 */
export function documentLapsesAt(expiresOn: string): Date | null {
  if (!parseIsoDate(expiresOn)) return null;
  return new Date(`${addDays(expiresOn, 1)}T00:00:00Z`);
}
