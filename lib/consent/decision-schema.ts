import { z } from "zod";

import { ITEMS } from "@/lib/items/items";
import type { ActionState } from "@/lib/http/action-state";

import { MAX_STATE_LENGTH } from "./grant-request";

/**
 * The consent form as the browser sends it, shared by the form and the
 * server action. The request fields travel back unchanged and are checked
 * again from scratch on the server; nothing here is trusted because it parses.
 */
export const decisionFormSchema = z.object({
  intent: z.enum(["share", "deny"]),
  token: z.string().max(200),
  share: z.array(z.enum(ITEMS)).max(ITEMS.length),
  ocid: z.string().max(12),
  grants: z.string().max(500),
  user_ocid: z.string().max(12),
  callback_url: z.string().max(4096),
  state: z.string().max(MAX_STATE_LENGTH).optional(),
});

export type DecisionForm = z.infer<typeof decisionFormSchema>;

/** Hidden fields the page renders so the decision can re-run every check of the request. */
export type DecisionRequestFields = Pick<DecisionForm, "ocid" | "grants" | "user_ocid" | "callback_url" | "state" | "token">;

/** The action's state: refused with a message, or done with where the person goes next. */
export type DecisionState = ActionState<{ status: "granted" | "partial" | "denied"; redirectTo: string; partnerName: string }>;

export function readDecisionForm(form: FormData): unknown {
  const state = form.get("state");
  return {
    intent: form.get("intent"),
    token: form.get("token"),
    share: form.getAll("share"),
    ocid: form.get("ocid"),
    grants: form.get("grants"),
    user_ocid: form.get("user_ocid"),
    callback_url: form.get("callback_url"),
    state: typeof state === "string" ? state : undefined,
  };
}
