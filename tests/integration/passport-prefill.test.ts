import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeaders);

import { readPassportPhotoAction } from "@/app/(account)/account/passport-photo-actions";
import { PREFILL_READS } from "@/lib/checks/prefill";
import { resetEnvForTests } from "@/lib/env";
import { createUser } from "@/tests/support/factories";
import { form } from "@/tests/support/form";
import { actAs } from "@/tests/support/request-context";

// Not an image: each reading is refused after it is counted, before any model runs.
const notAPhoto = () => form({ front: new File([new TextEncoder().encode("not a passport photo")], "passport.jpg", { type: "image/jpeg" }) });

beforeAll(() => {
  process.env.CHECKS = "on";
  resetEnvForTests();
});
afterAll(() => {
  delete process.env.CHECKS;
  resetEnvForTests();
});

describe("reading a passport photo", () => {
  it("is limited per person, saying when to try again; another person is not held back", async () => {
    const person = await createUser();
    await actAs(person.id);
    for (let n = 0; n < PREFILL_READS.limit; n++) {
      expect(await readPassportPhotoAction(notAPhoto())).toMatchObject({ ok: false, message: "Choose a JPEG or PNG photo of the passport's photo page." });
    }
    expect(await readPassportPhotoAction(notAPhoto())).toEqual({ ok: false, message: "Several photos were read already. Try again in 10 minutes, or type the details." });

    await actAs((await createUser()).id);
    expect(await readPassportPhotoAction(notAPhoto())).toMatchObject({ ok: false, message: "Choose a JPEG or PNG photo of the passport's photo page." });
  });
});
