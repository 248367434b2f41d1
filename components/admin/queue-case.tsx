import Link from "next/link";

import { formatAge } from "@/lib/review/age";
import { ITEM_INFO } from "@/lib/items/items";
import { AssignToMe } from "@/components/admin/assign-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { QueueCase } from "@/lib/review/queue";

/** Past the SLA: red; in its last quarter: amber; otherwise plain. */
export function slaTone(since: Date, slaHours: number, now: Date): "overdue" | "soon" | "ok" {
  const hours = (now.getTime() - since.getTime()) / 3_600_000;
  return hours >= slaHours ? "overdue" : hours >= slaHours * 0.75 ? "soon" : "ok";
}

const TONE = { overdue: "font-medium text-red-800", soon: "font-medium text-amber-800", ok: "text-slate-600" } as const;

export function QueueCaseRow({ entry, slaHours, now, mayDecide, back, waiting = false }: { entry: QueueCase; slaHours: number; now: Date; mayDecide: boolean; back: string; waiting?: boolean }) {
  const unassigned = entry.items.some((item) => !item.assignedTo);
  const tone = slaTone(entry.oldestAt, slaHours, now);
  return (
    <li className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid={waiting ? "waiting-case" : "queue-case"} data-user-id={entry.userId} data-sla={tone}>
      <div className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <Link href={`/admin/cases/${entry.userId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {entry.name ? `${entry.name} · ` : ""}OCID {entry.ocid}
          </Link>
          <span className={`text-sm ${waiting ? "text-slate-600" : TONE[tone]}`}>
            waiting {formatAge(entry.oldestAt, now)}
            {!waiting && tone === "overdue" ? " · overdue" : ""}
          </span>
          {entry.sanctions ? (
            <Badge tone="danger" data-testid="sanctions-hit">
              Sanctions match {entry.sanctions.score.toFixed(3)} · {entry.sanctions.entryName} · list <span className="font-mono">{entry.sanctions.listVersion}</span>
            </Badge>
          ) : null}
          {entry.concerns !== null ? (
            <span
              className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${entry.concerns > 0 ? "bg-amber-50 text-amber-900 ring-amber-200" : "bg-slate-50 text-slate-700 ring-slate-200"}`}
              data-testid="checks-concerns"
            >
              Checks: {entry.concerns === 0 ? "no concerns" : `${entry.concerns} concern${entry.concerns === 1 ? "" : "s"}`}
            </span>
          ) : null}
        </div>
        <ul className="flex flex-wrap gap-2" aria-label="Pending items">
          {entry.items.map((item) => (
            <li key={item.id} className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700" data-item={item.item}>
              <span className="font-medium">{ITEM_INFO[item.item].label}</span> · {formatAge(item.submittedAt, now)} · {item.assigneeEmail ?? "unassigned"}
              {item.proposed ? <span className="ml-1 font-medium text-amber-800">· awaiting second reviewer</span> : null}
            </li>
          ))}
        </ul>
      </div>
      <div className="flex shrink-0 gap-2">
        {mayDecide && unassigned && !waiting ? (
          <AssignToMe userId={entry.userId} back={back} />
        ) : null}
        <Button href={`/admin/cases/${entry.userId}`} size="sm">
          Open case
        </Button>
      </div>
    </li>
  );
}
