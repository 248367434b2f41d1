import { describe, expect, it } from "vitest";

import { checkTier, highestTier } from "@/lib/credentials/tiers";
import type { Item } from "@/lib/items/items";

const facts = (items: Item[], amlClear = true) => ({ verified: new Set(items), amlClear });
const tier1: Item[] = ["name", "email", "phone", "date_of_birth"];

describe("credential tiers", () => {
  it("needs the four identity items for Tier1", () => {
    expect(checkTier("Tier1", facts(tier1))).toEqual({ met: true, items: tier1 });
    expect(checkTier("Tier1", facts(["name", "email"]))).toEqual({ met: false, missing: ["phone", "date_of_birth"] });
  });

  it("accepts any one identity document for Tier2 and relies on just that one", () => {
    expect(checkTier("Tier2", facts([...tier1, "driver_license", "liveness"]))).toEqual({ met: true, items: [...tier1, "driver_license", "liveness"] });
    expect(checkTier("Tier2", facts([...tier1, "liveness"]))).toEqual({ met: false, missing: ["identity_document"] });
  });

  it("needs a clear screening for Tier3, not just a decided one", () => {
    const all: Item[] = [...tier1, "passport", "liveness", "address", "proof_of_address", "aml"];
    expect(checkTier("Tier3", facts(all)).met).toBe(true);
    expect(checkTier("Tier3", facts(all, false))).toEqual({ met: false, missing: ["aml_clear"] });
    expect(highestTier(facts(all, false))?.tier).toBe("Tier2");
    expect(highestTier(facts(["email"]))).toBeNull();
  });
});
