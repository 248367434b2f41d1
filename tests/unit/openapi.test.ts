import { describe, expect, it } from "vitest";

import { openApiDocument } from "@/lib/ocn/openapi";

type Schema = { required?: string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[] };

describe("/openapi.json", () => {
  it("describes the OCN endpoints with schemas generated from zod", () => {
    const document = openApiDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(["/metadata.json", "/capabilities", "/kyc/validate", "/kyc/data", "/kyc/documents/{id}"]);
    const schemas = document.components.schemas as unknown as Record<string, Schema>;
    expect(schemas.ValidateRequest!.required).toEqual(["user_ocid"]);
    expect(schemas.ValidateRequest!.properties!.grants!.items!.enum).toHaveLength(12);
    expect(schemas.DataRequest!.required).toEqual(["user_ocid", "grants"]);
    expect(schemas.DataResponse!.required).toEqual(expect.arrayContaining(["signature", "data", "expires_at"]));
    expect(Object.keys(schemas.DataResponse!.properties!.data!.properties!)).toHaveLength(12);
    expect(JSON.stringify(document)).not.toContain("$schema");
  });
});
