export const tableClass = "w-full min-w-[36rem] text-left text-sm";
export const headCell = "px-4 py-2 font-medium text-slate-600";
export const cell = "px-4 py-2 align-top";

export const dateTime = (value: Date | null) =>
  value ? value.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC" : "—";

export type Column = { label: string; align?: "right"; hidden?: boolean };

/** The console's bordered, horizontally scrollable table, or its empty state when there are no rows. */
export function DataTable({ columns, empty, children }: { columns: Column[]; empty: string | null; children: React.ReactNode }) {
  if (empty !== null) {
    return <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">{empty}</p>;
  }
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className={tableClass}>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.align === "right" ? `${headCell} text-right` : headCell}>
                {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">{children}</tbody>
      </table>
    </div>
  );
}
