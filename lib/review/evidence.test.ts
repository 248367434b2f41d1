import { describe, expect, it } from "vitest";

import type { Item, ItemState } from "@/lib/items/items";
import { comparisonFor, documentPhoto, evidenceFor, evidenceItem, type EvidenceCandidate } from "@/lib/review/evidence";

const item = (name: Item, effective: ItemState, images?: Record<string, string>): EvidenceCandidate => ({ item: name, effective, value: images ? { number: "X1", images } : "value" });

describe("the evidence rule", () => {
  it("checks the declared identity facts against an identity document, the address against a proof of address, nothing else", () => {
    for (const declared of ["name", "date_of_birth", "nationality"] as const) expect(evidenceFor(declared)).toEqual(["id_card", "passport", "driver_license"]);
    expect(evidenceFor("address")).toEqual(["proof_of_address"]);
    for (const other of ["email", "phone", "passport", "liveness", "aml"] as const) expect(evidenceFor(other)).toBeNull();
  });

  it("counts only a verified document of the right kind", () => {
    const items = [item("passport", "pending", { page: "p" }), item("proof_of_address", "verified", { page: "bill" }), item("id_card", "rejected", { front: "f" })];
    expect(evidenceItem("name", items)).toBeNull();
    expect(comparisonFor("name", items)).toBeNull();
    expect(comparisonFor("address", items)).toEqual({ evidence: items[1], image: "bill" });
    const verified = [...items, item("driver_license", "verified", { front: "licence-front", back: "licence-back" })];
    expect(comparisonFor("date_of_birth", verified)).toEqual({ evidence: verified[3], image: "licence-front" });
  });

  it("shows no comparison for an item the rule does not cover, even with verified documents", () => {
    expect(comparisonFor("email", [item("passport", "verified", { page: "p" })])).toBeNull();
  });

  it("shows the document without an image when it has none", () => {
    const passport = item("passport", "verified");
    expect(comparisonFor("nationality", [passport])).toEqual({ evidence: passport, image: null });
  });

  it("compares a selfie with the first identity document that has a front image, verified or not", () => {
    expect(documentPhoto([item("passport", "verified", { page: "p" })])).toBeNull();
    expect(documentPhoto([item("driver_license", "pending", { front: "dl" }), item("id_card", "rejected", { front: "id" })])).toEqual({ item: "id_card", id: "id" });
  });
});
