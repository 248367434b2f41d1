const FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A moment shown the same on server and client (UTC), machine-readable for assistive tools. */
export function Time({ value, empty = "—" }: { value: Date | null; empty?: string }) {
  if (!value) return <span className="text-slate-500">{empty}</span>;
  return <time dateTime={value.toISOString()}>{FORMAT.format(value)} UTC</time>;
}
