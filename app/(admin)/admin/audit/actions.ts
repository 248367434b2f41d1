"use server";

import { z } from "zod";

import { proveConsistency, verifyAuditLog, verifyTreeHeadSignature, type ConsistencyProof, type Finding } from "@/lib/transparency/tree";
import { staffAction } from "@/lib/auth/action";
import type { ActionState } from "@/lib/http/action-state";
import { getDb } from "@/lib/db/client";
import { formatTime } from "@/lib/review/age";

export type LogCheckState = ActionState<{ findings: Finding[] }>;

export const verifyLogAction = staffAction("audit.view", "verifyLog", async (): Promise<LogCheckState> => {
  const report = await verifyAuditLog(await getDb());
  const pending = report.pending ? ` ${report.pending.toLocaleString("en")} newer entries wait for the next tree head.` : "";
  if (report.ok) {
    const head = report.head ? ` The tree head of ${report.head.size.toLocaleString("en")} entries signed ${formatTime(new Date(report.head.timestamp))} is valid: download it to keep elsewhere.` : "";
    return { ok: true, findings: [], message: `The log holds: ${report.entries.toLocaleString("en")} entries match the tree.${head}${pending}` };
  }
  const count = report.findings.length === 1 ? "1 problem" : `${report.findings.length} problems`;
  return { ok: false, findings: report.findings, message: `The log does not hold: ${count} found.${pending}` };
});

/** A head as the console's download writes it; only size and root matter to the proof, the rest is checked when present. */
const keptHead = z.object({
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/i, "A root hash is 64 hex characters"),
  timestamp: z.number().int().optional(),
  publicKey: z.string().max(200).optional(),
  signature: z.string().max(200).optional(),
});

export type ConsistencyState = ActionState<{ result: ConsistencyProof & { signatureValid: boolean | null } }>;

export const consistencyAction = staffAction("audit.view", "proveConsistency", async (_staff, _previous: ConsistencyState, form: FormData): Promise<ConsistencyState> => {
  let json: unknown;
  try {
    json = JSON.parse(String(form.get("head") ?? ""));
  } catch {
    return { ok: false, message: "Paste a tree head as JSON, as the download writes it." };
  }
  const head = keptHead.safeParse(json);
  if (!head.success) return { ok: false, message: `That is not a tree head: ${head.error.issues[0]!.path.join(".") || "value"}: ${head.error.issues[0]!.message}.` };
  const { size, rootHash, timestamp, publicKey, signature } = head.data;
  const proof = await proveConsistency(await getDb(), { size, rootHash: rootHash.toLowerCase() });
  if ("error" in proof) return { ok: false, message: proof.error };
  const signed = timestamp !== undefined && publicKey && signature;
  const signatureValid = signed ? verifyTreeHeadSignature({ log: proof.to.log, size, rootHash: rootHash.toLowerCase(), timestamp, publicKey, signature }) : null;
  return { ok: true, result: { ...proof, signatureValid } };
});
