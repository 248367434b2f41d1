"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { staffAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { fieldErrorsOf, type ActionState } from "@/lib/http/action-state";
import { decideItem } from "@/lib/review/decide";
import { nextAfterDecision } from "@/lib/review/next";
import { assignCase, caseKey } from "@/lib/review/queue";
import { decisionSchema } from "@/lib/review/schemas";

const userIdSchema = z.uuid();

/** Decides one item, then moves the reviewer on to the next pending item. */
export const decideAction = staffAction("items.decide", "decideItem", async (reviewer, userId: string, _state: ActionState, form: FormData): Promise<ActionState> => {
  const id = userIdSchema.safeParse(userId);
  if (!id.success) return { ok: false, message: "Unknown case." };
  const parsed = decisionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "Check the decision.", fieldErrors: fieldErrorsOf(parsed.error) };
  const db = await getDb();
  const before = await caseKey(db, id.data);
  const outcome = await decideItem(db, reviewer.id, id.data, parsed.data);
  redirect(await nextAfterDecision(db, id.data, parsed.data.item, before, outcome.state === "proposed" ? "proposed" : parsed.data.decision));
});

const assignSchema = z.object({ userId: z.uuid(), assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()]).default("me"), back: z.string().optional() });

/** Assign to me, to a named reviewer, or to nobody: every pending item of the person. */
export const assignAction = staffAction("items.decide", "assignCase", async (reviewer, _state: ActionState, form: FormData): Promise<ActionState> => {
  const parsed = assignSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "This form is out of date. Reload the page." };
  const { userId, assignee, back } = parsed.data;
  const to = assignee === "me" ? reviewer.id : assignee === "none" ? null : assignee;
  await (await getDb()).transaction((tx) => assignCase(tx, reviewer.id, userId, to));
  redirect(back?.startsWith("/admin") && !back.startsWith("//") ? back : `/admin/cases/${userId}`);
});
