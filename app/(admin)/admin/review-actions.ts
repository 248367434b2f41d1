"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { staffOrNull } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, invalidRequest, logUnexpected } from "@/lib/http/errors";
import { decideItem } from "@/lib/review/decide";
import { nextAfterDecision } from "@/lib/review/next";
import { assignCase, caseKey } from "@/lib/review/queue";
import { decisionSchema } from "@/lib/review/schemas";

export type DecisionState = { error?: string };

const userIdSchema = z.uuid();

/** Decides one item, then moves the reviewer on to the next pending item. */
export async function decideAction(userId: string, _state: DecisionState, form: FormData): Promise<DecisionState> {
  const reviewer = await staffOrNull("items.decide");
  if (!reviewer) return { error: "Your role may not decide items." };
  const id = userIdSchema.safeParse(userId);
  const parsed = decisionSchema.safeParse(Object.fromEntries(form));
  if (!id.success) return { error: "Unknown case." };
  if (!parsed.success) return { error: invalidRequest(parsed.error).message };
  const db = await getDb();
  let target: string;
  try {
    const before = await caseKey(db, id.data);
    const outcome = await decideItem(db, { id: reviewer.id, role: reviewer.role }, id.data, parsed.data);
    target = await nextAfterDecision(db, id.data, parsed.data.item, before, outcome.state === "proposed" ? "proposed" : parsed.data.decision);
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    logUnexpected(error);
    return { error: "The decision could not be saved. Try again." };
  }
  redirect(target);
}

const assigneeSchema = z.union([z.literal("me"), z.literal("none"), z.uuid()]);

/** Assign to me, to a named reviewer, or to nobody: every pending item of the person. */
export async function assignAction(form: FormData): Promise<void> {
  const reviewer = await staffOrNull("items.decide");
  const id = userIdSchema.safeParse(form.get("userId"));
  const assignee = assigneeSchema.safeParse(form.get("assignee") ?? "me");
  if (!reviewer || !id.success || !assignee.success) return;
  const db = await getDb();
  const to = assignee.data === "me" ? reviewer.id : assignee.data === "none" ? null : assignee.data;
  try {
    await db.transaction((tx) => assignCase(tx, reviewer.id, id.data, to));
  } catch (error) {
    if (!(error instanceof AppError)) logUnexpected(error);
    return;
  }
  const back = form.get("back");
  redirect(typeof back === "string" && back.startsWith("/admin") && !back.startsWith("//") ? back : `/admin/cases/${id.data}`);
}

