/**
 * What the account page offers next for an item in a given state: the words on its
 * button, or nothing when the person has nothing to do.
 */
import type { Item, ItemState } from "./items";

export function nextStepLabel(item: Item, state: ItemState): string | null {
  if (item === "email") return state === "verified" ? null : "Sign in again to verify";
  if (item === "aml") return null;
  switch (state) {
    case "missing":
      return item === "phone" ? "Verify" : item === "liveness" ? "Take selfie" : "Add";
    case "rejected":
      return "Provide again";
    case "expired":
      return "Renew";
    case "pending":
    case "verified":
      return item === "phone" ? "Change" : "View or change";
  }
}

export const STATE_EXPLANATIONS: Record<ItemState, string> = {
  missing: "Not provided yet",
  pending: "Waiting for a reviewer",
  verified: "Verified",
  rejected: "Not accepted",
  expired: "No longer valid: please renew",
};
