/**
 * What the account page offers next for an item in a given state: which words go on its
 * button (messages/*.json, `account.step`), or nothing when the person has nothing to do.
 */
import type { Item, ItemState } from "./items";

export type NextStep = "signInAgain" | "verify" | "takeSelfie" | "add" | "provideAgain" | "renew" | "change" | "viewOrChange";

export function nextStep(item: Item, state: ItemState): NextStep | null {
  if (item === "email") return state === "verified" ? null : "signInAgain";
  if (item === "aml") return null;
  switch (state) {
    case "missing":
      return item === "phone" ? "verify" : item === "liveness" ? "takeSelfie" : "add";
    case "rejected":
      return "provideAgain";
    case "expired":
      return "renew";
    case "pending":
    case "verified":
      return item === "phone" ? "change" : "viewOrChange";
  }
}
