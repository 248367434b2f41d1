import { useId } from "react";

import { EmptyState } from "@/components/ui/card";

export type Column = { label: string; align?: "right"; hidden?: boolean };

type Props = {
  columns: Column[];
  /** Said in place of the table when there are no rows. */
  empty?: string | null;
  /** With a title, the table is a section named by its heading; `note` follows the title in a lighter weight. */
  title?: React.ReactNode;
  note?: React.ReactNode;
  children: React.ReactNode;
};

/** The console's bordered, horizontally scrollable table: a header from `columns`, rows built from `Cell`. */
export function Table({ columns, empty = null, title, note, children }: Props) {
  const headingId = useId();
  const body =
    empty !== null ? (
      <EmptyState>{empty}</EmptyState>
    ) : (
      <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full min-w-[36rem] text-left text-sm">
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
  if (title === undefined) return body;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-medium">
        {title}
        {note ? <span className="text-sm font-normal text-slate-500"> {note}</span> : null}
      </h2>
      {body}
    </section>
  );
}

/** A body cell: top-aligned; `align="right"` for numbers (tabular figures), `mono` for ids and codes. */
export function Cell({ align, mono = false, className, ...attributes }: { align?: "right"; mono?: boolean } & React.TdHTMLAttributes<HTMLTableCellElement>) {
  const classes = ["px-4 py-2 align-top", align === "right" && "text-right tabular-nums", mono && "font-mono text-xs", className].filter(Boolean).join(" ");
  return <td className={classes} {...attributes} />;
}
