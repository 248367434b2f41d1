"use server";

import { staffOrNull } from "@/lib/auth/session";
import { checkAuditChain } from "@/lib/audit/query";
import { getDb } from "@/lib/db/client";
import { formatTime } from "@/lib/review/age";

export type ChainState = { checked: false } | { checked: true; ok: boolean; message: string; brokenAt?: number };

export async function verifyChainAction(): Promise<ChainState> {
  if (!(await staffOrNull("audit.view"))) return { checked: true, ok: false, message: "Your role may not read the audit log." };
  const check = await checkAuditChain(await getDb());
  if (check.ok) {
    const head = check.head ? ` The last is #${check.head.id}, hash ${check.head.hash}: note it elsewhere to show later that nothing before it was cut.` : "";
    return { checked: true, ok: true, message: `The chain holds: ${check.entries.toLocaleString("en")} entries verified.${head}` };
  }
  const when = check.broken ? ` (${check.broken.action}, ${formatTime(check.broken.createdAt)})` : "";
  return { checked: true, ok: false, brokenAt: check.brokenAt, message: `The chain breaks at entry #${check.brokenAt}${when}: ${check.reason}.` };
}
