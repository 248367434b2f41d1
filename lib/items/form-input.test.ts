import { describe, expect, it } from "vitest";

import { declaredInputFrom } from "./form-input";
import { nameSchema } from "./values";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("declaredInputFrom", () => {
  it("leaves an empty full name out, so the schema derives it", () => {
    const input = declaredInputFrom("name", form({ first_name: "Ada", last_name: "Lovelace", full_name: "  " }));
    expect(nameSchema.parse(input).full_name).toBe("Ada Lovelace");
  });
  it("keeps empty required fields, so the schema names them", () => {
    expect(declaredInputFrom("address", form({ street: "", city: "Leeds" }))).toEqual({ street: "", city: "Leeds", state: "", postal_code: "", country: "" });
  });
  it("reads single-value items from `value`", () => {
    expect(declaredInputFrom("date_of_birth", form({ value: "1990-04-12", other: "x" }))).toBe("1990-04-12");
  });
});
