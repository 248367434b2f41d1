import { useFormatter } from "next-intl";

/** Day, month, year and minute, with the zone named: the person's own zone, or UTC until their browser has told us theirs. */
const MOMENT = { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" } as const;

/** A moment in the person's language and time zone, the same on server and client, machine-readable for assistive tools. */
export function Time({ value, empty = "—" }: { value: Date | null; empty?: string }) {
  const format = useFormatter();
  if (!value) return <span className="text-slate-500">{empty}</span>;
  return <time dateTime={value.toISOString()}>{format.dateTime(value, MOMENT)}</time>;
}
