export const tableClass = "w-full min-w-[36rem] text-left text-sm";
export const headCell = "px-4 py-2 font-medium text-slate-600";
export const cell = "px-4 py-2 align-top";

export const dateTime = (value: Date | null) =>
  value ? value.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC" : "—";
