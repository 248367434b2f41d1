import { describe, expect, it } from "vitest";
import { DECLARED_ITEMS, DOCUMENT_ITEMS, IDENTITY_DOCUMENTS, ITEM_INFO, ITEMS, isItem } from "./items";

describe("items", () => {
  it("lists the twelve grants of SPEC §3", () => {
    expect(ITEMS).toHaveLength(12);
    expect(new Set(ITEMS).size).toBe(12);
  });

  it("keeps every sub-list inside ITEMS", () => {
    for (const item of [...IDENTITY_DOCUMENTS, ...DOCUMENT_ITEMS, ...DECLARED_ITEMS]) expect(isItem(item)).toBe(true);
    expect(DOCUMENT_ITEMS).toEqual(["id_card", "passport", "driver_license", "proof_of_address"]);
  });

  it("describes every item in plain words", () => {
    for (const item of ITEMS) {
      expect(ITEM_INFO[item].label).not.toBe("");
      expect(ITEM_INFO[item].shares).not.toBe("");
      expect(ITEM_INFO[item].howVerified).not.toBe("");
    }
  });

  // The description shows on a missing item's page too: "You typed the code we sent" would be untrue there.
  it.each(ITEMS)("describes how %s becomes verified without saying it happened already", (item) => {
    expect(ITEM_INFO[item].howVerified).not.toMatch(/\b(typed|signed|entered|chose|uploaded|took|sent to it)\b/i);
  });

  it.each(["", "Name", "passport ", "toString", "__proto__", "kyc"])("rejects %j as an item", (value) => {
    expect(isItem(value)).toBe(false);
  });
});
