/**
 * The person's way through verification: a few steps instead of twelve items. One
 * identity document of three is enough, and the e-mail and the sanctions screening
 * happen without the person, so they are not steps of their own.
 */
import { IDENTITY_DOCUMENTS, type Item, type ItemState } from "./items";

export const JOURNEY_STEPS = ["about_you", "phone", "identity_document", "proof_of_address", "selfie"] as const;
export type JourneyStepId = (typeof JOURNEY_STEPS)[number];

/** done: verified; waiting: with a reviewer; todo: nothing yet; attention: refused or lapsed. */
export type StepStatus = "done" | "waiting" | "todo" | "attention";

export interface JourneyStep {
  id: JourneyStepId;
  status: StepStatus;
  /** Where the person acts on this step: the first item of it that still needs them. */
  item: Item;
}

export interface Journey {
  steps: JourneyStep[];
  /** The first step that needs the person; null when everything is provided. */
  next: JourneyStep | null;
  done: number;
  /** Every step is verified. */
  finished: boolean;
}

const STEP_ITEMS: Record<JourneyStepId, readonly Item[]> = {
  about_you: ["name", "date_of_birth", "nationality", "address"],
  phone: ["phone"],
  identity_document: ["passport", "id_card", "driver_license"],
  proof_of_address: ["proof_of_address"],
  selfie: ["liveness"],
};

/** Which step an item belongs to; e-mail and screening belong to none. */
export function stepOfItem(item: Item): JourneyStepId | null {
  return JOURNEY_STEPS.find((step) => STEP_ITEMS[step].includes(item)) ?? null;
}

const needsPerson = (state: ItemState) => state === "missing" || state === "rejected" || state === "expired";
const hasProblem = (state: ItemState) => state === "rejected" || state === "expired";

/** All of a step's items count, except documents: any one of them carries the step. */
function statusOf(step: JourneyStepId, states: ItemState[]): StepStatus {
  if (step === "identity_document") {
    if (states.includes("verified")) return "done";
    if (states.includes("pending")) return "waiting";
    return states.some(hasProblem) ? "attention" : "todo";
  }
  if (states.every((s) => s === "verified")) return "done";
  if (states.some(hasProblem)) return "attention";
  return states.some((s) => s === "missing") ? "todo" : "waiting";
}

function actionItem(step: JourneyStepId, state: (item: Item) => ItemState): Item {
  const items = STEP_ITEMS[step];
  if (step === "identity_document") {
    // The document the person tried already, so a refused passport is provided again rather than swapped silently.
    return IDENTITY_DOCUMENTS.find((d) => hasProblem(state(d))) ?? "passport";
  }
  return items.find((item) => hasProblem(state(item))) ?? items.find((item) => needsPerson(state(item))) ?? items[0]!;
}

export function planJourney(states: ReadonlyMap<Item, ItemState>): Journey {
  const state = (item: Item): ItemState => states.get(item) ?? "missing";
  const steps = JOURNEY_STEPS.map((id): JourneyStep => ({ id, status: statusOf(id, STEP_ITEMS[id].map(state)), item: actionItem(id, state) }));
  const next = steps.find((s) => s.status === "attention") ?? steps.find((s) => s.status === "todo") ?? null;
  const done = steps.filter((s) => s.status === "done").length;
  return { steps, next, done, finished: done === steps.length };
}

/**
 * Items not provided that the person still needs: the other identity documents stop
 * counting once one of them is provided.
 */
export function missingNeeded(states: ReadonlyMap<Item, ItemState>): Item[] {
  const state = (item: Item): ItemState => states.get(item) ?? "missing";
  const hasDocument = IDENTITY_DOCUMENTS.some((d) => state(d) !== "missing");
  return [...states.keys()].filter((item) => state(item) === "missing" && !(hasDocument && (IDENTITY_DOCUMENTS as readonly Item[]).includes(item)));
}
