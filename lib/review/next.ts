import "server-only";

import type { Db } from "@/lib/db/client";
import { loadCase } from "@/lib/review/case";
import { adjacentCase, type Key } from "@/lib/review/queue";

export type DecisionNotice = "approve" | "reject" | "resubmit" | "proposed";

/** Where a reviewer lands after a decision: the person's next pending item, else the next case, else the queue. */
export async function nextAfterDecision(db: Db, userId: string, before: Key | null, notice: DecisionNotice): Promise<string> {
  const current = await loadCase(db, userId);
  const remaining = current?.pending.filter((item) => !current.items.find((candidate) => candidate.item === item)?.proposedBy) ?? [];
  if (remaining.length > 0) return `/admin/cases/${userId}?item=${remaining[0]}&done=${notice}`;
  const next = await adjacentCase(db, userId, "next", before);
  return next ? `/admin/cases/${next}?done=${notice}` : `/admin?done=${notice}`;
}
