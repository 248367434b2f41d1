import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST as data } from "@/app/kyc/data/route";
import { POST as validate } from "@/app/kyc/validate/route";
import { getDb } from "@/lib/db/client";
import { submitDeclaredItem } from "@/lib/account/declared";
import { ITEMS } from "@/lib/items/items";
import { deleteAccount, withdrawItem } from "@/lib/account/lifecycle";
import { createPerson } from "@/tests/support/credentials";
import { setGrants } from "@/tests/support/factories";
import { createTestPartner, signedRequest, startMetadataServer, stopMetadataServer } from "@/tests/support/ocn-partners";

/**
 * What a person does to their own items reaches a partner they granted on its very next
 * signed request: nothing is cached between the person and the partner.
 */
beforeAll(startMetadataServer);
afterAll(stopMetadataServer);

async function asPartner(partner: { ocid: number; privateKey: string }, route: typeof validate, path: string, body: unknown) {
  const response = await route(signedRequest(partner, { path, body }));
  return { status: response.status, json: (await response.json()) as { grants?: Record<string, string>; error?: { code: string; details?: Record<string, string> }; data?: Record<string, unknown> } };
}

describe("a granted partner sees a person's own changes at once", () => {
  it("a changed name goes back to pending, a withdrawn item to missing, a deleted account is USER_NOT_FOUND", async () => {
    const db = await getDb();
    const partner = await createTestPartner();
    const person = await createPerson();
    await setGrants(person.user.id, partner.ocid, Object.fromEntries(ITEMS.map((item) => [item, "granted"])));
    const userOcid = person.user.ocid;
    const statuses = async () => (await asPartner(partner, validate, "/kyc/validate", { user_ocid: userOcid, grants: ["name", "nationality"] })).json.grants;

    expect(await statuses()).toEqual({ name: "verified", nationality: "verified" });
    expect((await asPartner(partner, data, "/kyc/data", { user_ocid: userOcid, grants: ["name"] })).status).toBe(200);

    await submitDeclaredItem(db, person.user.id, "name", { first_name: "Ada", last_name: "Quintero-Ruiz", full_name: "Ada Quintero-Ruiz" });
    expect(await statuses()).toEqual({ name: "pending", nationality: "verified" });
    const refused = await asPartner(partner, data, "/kyc/data", { user_ocid: userOcid, grants: ["name"] });
    expect([refused.status, refused.json.error]).toEqual([403, { code: "GRANT_NOT_AUTHORIZED", message: expect.any(String), details: { name: "pending" } }]);

    await withdrawItem(db, person.user.id, "nationality");
    expect(await statuses()).toEqual({ name: "pending", nationality: "missing" });

    await deleteAccount(db, person.user.id);
    const gone = await asPartner(partner, validate, "/kyc/validate", { user_ocid: userOcid });
    expect([gone.status, gone.json.error?.code]).toEqual([404, "USER_NOT_FOUND"]);
    const goneData = await asPartner(partner, data, "/kyc/data", { user_ocid: userOcid, grants: ["email"] });
    expect([goneData.status, goneData.json.error?.code]).toEqual([404, "USER_NOT_FOUND"]);
  });
});
