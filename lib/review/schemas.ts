import { z } from "zod";

import { ITEMS } from "@/lib/kyc/items";

/**
 * What a reviewer may send about one item. Shared by the case page's forms
 * (client) and the server action and route that decide (server).
 */
export const REJECTION_REASONS = {
  unreadable: "Unreadable",
  expired: "Expired",
  altered: "Altered or edited",
  mismatch: "Does not match other data",
  suspected_fraud: "Suspected fraud",
  other: "Other",
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;
export const REJECTION_REASON_KEYS = Object.keys(REJECTION_REASONS) as [RejectionReason, ...RejectionReason[]];

/** Recorded as the reason of a resubmission request, which the user reads as "please provide it again". */
export const RESUBMISSION_REASON = "resubmission_requested";

const note = z
  .string()
  .trim()
  .max(1000, "Keep it under 1,000 characters")
  .transform((value) => value || undefined)
  .optional();

export const decisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve"), item: z.enum(ITEMS) }),
  z.object({
    decision: z.literal("reject"),
    item: z.enum(ITEMS),
    reason: z.enum(REJECTION_REASON_KEYS, { error: "Choose a reason" }),
    noteToUser: note,
    internalNote: note,
  }),
  z.object({ decision: z.literal("resubmit"), item: z.enum(ITEMS), noteToUser: note, internalNote: note }),
]);
export type DecisionInput = z.infer<typeof decisionSchema>;

export const QUEUE_AGES = { any: "Any age", "1": "Older than 1 day", "3": "Older than 3 days", "7": "Older than 7 days" } as const;

export const queueFilterSchema = z.object({
  item: z.enum(ITEMS).optional().catch(undefined),
  assignee: z.enum(["anyone", "me", "unassigned"]).catch("anyone").default("anyone"),
  age: z.enum(["any", "1", "3", "7"]).catch("any").default("any"),
  /** Keyset cursor: "<ISO submitted_at>_<item id>" of the last case on the previous page. */
  after: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/)
    .optional()
    .catch(undefined),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;
