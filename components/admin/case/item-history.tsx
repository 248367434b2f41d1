import { formatTime } from "@/lib/review/age";
import type { CaseItem } from "@/lib/review/case";
import { reasonLabel } from "@/lib/review/schemas";

/** Every state an item has been in, newest last, folded away until asked for. */
export function ItemHistory({ item }: { item: CaseItem }) {
  if (item.history.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-slate-600 hover:text-slate-900">History ({item.history.length})</summary>
      <ol className="mt-2 space-y-1 border-l border-slate-200 pl-3">
        {item.history.map((entry, index) => (
          <li key={index} className="text-slate-700">
            <span className="font-mono text-xs text-slate-500">{formatTime(entry.at)}</span> · {entry.action} → {entry.state}
            {entry.actor ? ` · ${entry.actor}` : ""}
            {entry.reason ? ` · ${reasonLabel(entry.reason)}` : ""}
            {entry.note ? ` · “${entry.note}”` : ""}
          </li>
        ))}
      </ol>
    </details>
  );
}
