"use server";

import { checkAuditChain } from "@/lib/audit/query";
import { getDb } from "@/lib/db/client";
import { formatTime } from "@/lib/review/age";
import { staffAction } from "@/lib/auth/action";
import type { ActionState } from "@/lib/http/action-state";

export type ChainState = ActionState<{ brokenAt: number }>;

export const verifyChainAction = staffAction("audit.view", "checkAuditChain", async (): Promise<ChainState> => {
  const check = await checkAuditChain(await getDb());
  if (check.ok) {
    const head = check.head ? ` The last is #${check.head.id}, hash ${check.head.hash}: note it elsewhere to show later that nothing before it was cut.` : "";
    return { ok: true, message: `The chain holds: ${check.entries.toLocaleString("en")} entries verified.${head}` };
  }
  const when = check.broken ? ` (${check.broken.action}, ${formatTime(check.broken.createdAt)})` : "";
  return { ok: false, brokenAt: check.brokenAt, message: `The chain breaks at entry #${check.brokenAt}${when}: ${check.reason}.` };
});
