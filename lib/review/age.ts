/** How the console prints times. "3 d", "5 h", "12 min": how long an item has waited. */
export function formatAge(since: Date, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

export function formatTime(at: Date): string {
  return at.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

/** A date in a console table, "3 Dec 2026, 14:05 UTC"; a dash for none. */
export const formatDateTime = (value: Date | null) =>
  value ? value.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC" : "—";
