import { describe, expect, it } from "vitest";

import { ITEMS, type Item, type ItemState } from "./items";
import { missingNeeded, planJourney } from "./journey";

const statesOf = (given: Partial<Record<Item, ItemState>>) => new Map<Item, ItemState>(ITEMS.map((item) => [item, given[item] ?? "missing"]));
const ALL_VERIFIED = Object.fromEntries(ITEMS.map((item) => [item, "verified"])) as Record<Item, ItemState>;

describe("planJourney", () => {
  it("starts a new person with the details about them", () => {
    const journey = planJourney(statesOf({ email: "verified", aml: "verified" }));
    expect(journey.next).toEqual({ id: "about_you", status: "todo", item: "name" });
    expect(journey.done).toBe(0);
    expect(journey.finished).toBe(false);
  });

  it("asks for an identity document once the details and phone are provided", () => {
    const journey = planJourney(statesOf({ name: "pending", date_of_birth: "pending", nationality: "verified", address: "pending", phone: "verified" }));
    expect(journey.steps.map((s) => s.status)).toEqual(["waiting", "done", "todo", "todo", "todo"]);
    expect(journey.next).toMatchObject({ id: "identity_document", item: "passport" });
  });

  it("puts a refused item first and points at the document that was refused", () => {
    const journey = planJourney(statesOf({ name: "verified", date_of_birth: "verified", nationality: "verified", address: "verified", id_card: "rejected" }));
    expect(journey.next).toEqual({ id: "identity_document", status: "attention", item: "id_card" });
  });

  it("counts any one identity document as the whole step", () => {
    const journey = planJourney(statesOf({ ...ALL_VERIFIED, id_card: "missing", driver_license: "rejected" }));
    expect(journey.finished).toBe(true);
    expect(journey.next).toBeNull();
  });

  it("has nothing next while everything waits for a reviewer", () => {
    const pending = Object.fromEntries(ITEMS.map((item) => [item, "pending"])) as Record<Item, ItemState>;
    const journey = planJourney(statesOf({ ...pending, id_card: "missing", driver_license: "missing" }));
    expect(journey.next).toBeNull();
    expect(journey.finished).toBe(false);
  });
});

describe("missingNeeded", () => {
  it("stops counting the other identity documents once one is provided", () => {
    expect(missingNeeded(statesOf({ ...ALL_VERIFIED, id_card: "missing", driver_license: "missing" }))).toEqual([]);
    expect(missingNeeded(statesOf({ ...ALL_VERIFIED, id_card: "missing", driver_license: "missing", passport: "missing" }))).toEqual(["id_card", "passport", "driver_license"]);
  });
});
