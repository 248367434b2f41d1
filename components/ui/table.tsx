import { EmptyState } from "@/components/ui/card";

export type Column = { label: string; align?: "right"; hidden?: boolean };

/**
 * The console's bordered, horizontally scrollable table: a header from `columns`, rows as
 * children built from `Cell`, or `empty` in place of the table when it is a sentence.
 */
export function Table({ columns, empty = null, label, children }: { columns: Column[]; empty?: string | null; label?: string; children: React.ReactNode }) {
  if (empty !== null) return <EmptyState>{empty}</EmptyState>;
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full min-w-[36rem] text-left text-sm" aria-label={label}>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={`px-4 py-2 font-medium text-slate-600${column.align === "right" ? " text-right" : ""}`}>
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

/** A body cell: top-aligned; `align="right"` for numbers (tabular figures), `mono` for ids and codes. */
export function Cell({ align, mono = false, className, ...attributes }: { align?: "right"; mono?: boolean } & React.TdHTMLAttributes<HTMLTableCellElement>) {
  const classes = ["px-4 py-2 align-top", align === "right" && "text-right tabular-nums", mono && "font-mono text-xs", className].filter(Boolean).join(" ");
  return <td className={classes} {...attributes} />;
}
