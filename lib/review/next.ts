import "server-only";

import type { Db } from "@/lib/db/client";
import type { Item } from "@/lib/items/items";
import { loadCase } from "@/lib/review/case";
import { adjacentCase, type Key, type Tier } from "@/lib/review/queue";

export type DecisionNotice = "approve" | "reject" | "resubmit" | "proposed";

/**
 * Where a reviewer lands after a decision: the person's next actionable item, else the next
 * case, else the queue. The notice names the person and item decided (`of`, `on`), so a
 * notice shown on the next person's case cannot be read as being about them.
 */
export async function nextAfterDecision(db: Db, userId: string, item: Item, before: (Key & { tier: Tier }) | null, notice: DecisionNotice): Promise<string> {
  const current = await loadCase(db, userId);
  const remaining = current?.pending.filter((name) => !current.items.find((candidate) => candidate.item === name)?.proposedBy) ?? [];
  const done = new URLSearchParams({ done: notice, of: userId, on: item });
  if (remaining.length > 0) return `/admin/cases/${userId}?item=${remaining[0]}&${done}`;
  const next = await adjacentCase(db, userId, "next", before);
  return next ? `/admin/cases/${next}?${done}` : `/admin?${done}`;
}
