import { z } from "zod";

import { ITEMS } from "@/lib/items/items";

/** A table of reasons' codes as the non-empty list `z.enum` takes; the table is typed, so none can be empty. */
const codesOf = <Code extends string>(labels: Record<Code, string>) => Object.keys(labels) as [Code, ...Code[]];

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
export const REJECTION_REASON_KEYS = codesOf(REJECTION_REASONS);

/** Recorded as the reason of a resubmission request, which the user reads as "please provide it again". */
export const RESUBMISSION_REASON = "resubmission_requested";

/** What the person reads for each reason: what was wrong and how to put it right. */
export const REASON_FOR_PERSON: Record<RejectionReason | typeof RESUBMISSION_REASON, { label: string; hint: string }> = {
  unreadable: { label: "Unreadable", hint: "Upload a sharp, well-lit photo or scan in which every word and number can be read, with no glare or cut-off edges." },
  expired: { label: "Expired", hint: "Provide a document that is valid today." },
  altered: { label: "Altered or edited", hint: "Upload an unedited photo or scan of the original document." },
  mismatch: { label: "Does not match other data", hint: "Check that what you entered matches your identity document exactly, then provide it again." },
  suspected_fraud: { label: "Could not be accepted", hint: "Contact support if you believe this is a mistake." },
  other: { label: "Not accepted", hint: "Read the reviewer's note and provide it again." },
  resubmission_requested: { label: "Please provide it again", hint: "Read the reviewer's note, then provide it again." },
};

export type PersonReason = keyof typeof REASON_FOR_PERSON;

/** The reason as the person reads it, with its code so it can be put in their language (messages/*.json, `reasons`). */
export function reasonForPerson(reason: string | null): { code: PersonReason; label: string; hint: string } | null {
  return reason && reason in REASON_FOR_PERSON ? { code: reason as PersonReason, ...REASON_FOR_PERSON[reason as PersonReason] } : null;
}

/** Why a reviewer clears a possible sanctions match: recorded with the decision and shown in the history. */
export const CLEARANCE_REASONS = {
  different_birth_date: "False positive: different date of birth",
  different_nationality: "False positive: different nationality",
  other: "Other (explain in the note)",
} as const;
export type ClearanceReason = keyof typeof CLEARANCE_REASONS;
export const CLEARANCE_REASON_KEYS = codesOf(CLEARANCE_REASONS);
/** History rows store a clearance as "clearance.<reason>". */
export const clearanceReasonLabel = (stored: string | null): string | null =>
  stored?.startsWith("clearance.") ? (CLEARANCE_REASONS[stored.slice("clearance.".length) as ClearanceReason] ?? null) : null;

/** How the console names a stored decision reason: a rejection, a clearance, a resubmission request. */
export function reasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  if (reason === RESUBMISSION_REASON) return "Resubmission requested";
  if (reason === "clearance.confirmed") return "Clearance confirmed by a second reviewer";
  return clearanceReasonLabel(reason) ?? REJECTION_REASONS[reason as keyof typeof REJECTION_REASONS] ?? reason;
}

const note = z
  .string()
  .trim()
  .max(1000, "Keep it under 1,000 characters")
  .transform((value) => value || undefined)
  .optional();

export const decisionSchema = z.discriminatedUnion("decision", [
  z
    .object({
      decision: z.literal("approve"),
      item: z.enum(ITEMS),
      /** Needed to clear a possible sanctions match (the server decides when); optional elsewhere. */
      clearance: z.enum(CLEARANCE_REASON_KEYS, { error: "Choose why the match is not this person" }).optional(),
      clearanceNote: note,
    })
    .refine((value) => value.clearance !== "other" || !!value.clearanceNote, { message: "Explain in the note why the match is not this person", path: ["clearanceNote"] }),
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
  /** "awaiting_second": approvals proposed by one reviewer that wait for a different one. */
  stage: z.enum(["all", "awaiting_second"]).catch("all").default("all"),
  /** Keyset cursor: "<ISO submitted_at>_<item id>" of the last case on the previous page. */
  after: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/)
    .optional()
    .catch(undefined),
});
export type QueueFilter = z.input<typeof queueFilterSchema> & Pick<z.output<typeof queueFilterSchema>, "assignee" | "age">;
