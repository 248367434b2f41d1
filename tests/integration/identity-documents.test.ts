import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { getDb } from "@/lib/db/client";
import { documents } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { readDocument } from "@/lib/documents/store";
import { submitSelfie, uploadDocument } from "@/lib/documents/upload";
import { addDays, documentLapsesAt } from "@/lib/items/dates";
import { MAX_UPLOAD_BYTES } from "@/lib/documents/file-type";
import { getItem } from "@/lib/items/store";
import { withdrawItem } from "@/lib/account/lifecycle";
import { createUser } from "@/tests/support/factories";
import { GIF, JPEG, passportFields, PDF, PNG, today } from "@/tests/support/identity";

const file = (bytes: Uint8Array, name = "scan") => ({ name, bytes });

async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return ((error as AppError).details?.fields ?? {}) as Record<string, string>;
}

async function documentRows(userId: string, item: "passport" | "id_card" | "proof_of_address" | "liveness") {
  return (await getDb()).select().from(documents).where(and(eq(documents.userId, userId), eq(documents.item, item)));
}

describe("document uploads", () => {
  it("a passport whose MRZ matches its fields goes to pending, stored encrypted", async () => {
    const user = await createUser({ items: { date_of_birth: { state: "verified", value: "1990-04-12" } } });
    const db = await getDb();
    const fields = passportFields();
    await uploadDocument(db, user.id, { item: "passport", fields, files: { front: file(PNG) } });

    const item = await getItem(db, user.id, "passport");
    expect(item?.state).toBe("pending");
    const value = item?.value as { number: string; mrz: string; images: { front: string } };
    expect(value.number).toBe("X12345678");
    expect(value.mrz.split("\n").map((l) => l.length)).toEqual([44, 44]);
    // Pending items carry the document's expiry, so they read as expired once its expiry day is over.
    expect(item?.expiresAt).toEqual(documentLapsesAt(fields.expires_at));

    const [row] = await documentRows(user.id, "passport");
    expect(Buffer.from(row!.dataEnc).includes(Buffer.from(PNG))).toBe(false);
    expect(row!.contentType).toBe("image/png");
    expect((await readDocument(db, value.images.front))?.bytes).toEqual(Buffer.from(PNG));
  });

  it("explains each MRZ mismatch and a broken check digit, and stores nothing", async () => {
    const user = await createUser({ items: { date_of_birth: { state: "pending", value: "1991-04-12" } } });
    const db = await getDb();
    const fields = { ...passportFields(), number: "X12345679" };
    const errors = await fieldErrors(uploadDocument(db, user.id, { item: "passport", fields, files: { front: file(PNG) } }));
    expect(errors.mrz).toContain("passport number you typed (X12345679) does not match");
    expect(errors.mrz).toContain("date of birth (1991-04-12) does not match");

    const corrupted = passportFields();
    corrupted.mrz = corrupted.mrz.replace(/X12345678(\d)/, (_, d: string) => `X12345678${(Number(d) + 1) % 10}`);
    const broken = await fieldErrors(uploadDocument(db, user.id, { item: "passport", fields: corrupted, files: { front: file(PNG) } }));
    expect(broken.mrz).toContain("check digit");

    expect(await getItem(db, user.id, "passport")).toBeNull();
    expect(await documentRows(user.id, "passport")).toHaveLength(0);
  });

  it("compares the first name too: a passport for PETER is not Nora's", async () => {
    const user = await createUser({ items: { name: { state: "pending", value: { first_name: "Nora", last_name: "Quintero", full_name: "Nora Quintero" } } } });
    const db = await getDb();
    const errors = await fieldErrors(uploadDocument(db, user.id, { item: "passport", fields: passportFields({ firstName: "Peter" }), files: { front: file(PNG) } }));
    expect(errors.mrz).toContain("first name (Nora) does not match the MRZ (PETER)");
    expect(await getItem(db, user.id, "passport")).toBeNull();

    await uploadDocument(db, user.id, { item: "passport", fields: passportFields({ firstName: "Nora" }), files: { front: file(PNG) } });
    expect((await getItem(db, user.id, "passport"))?.state).toBe("pending");
  });

  it("refuses expired documents, wrong file types, oversized files and old proofs of address", async () => {
    const user = await createUser();
    const db = await getDb();
    const idCard = { number: "AB123456", country: "FR", issued_at: addDays(today(), -4000), expires_at: addDays(today(), -1) };
    expect((await fieldErrors(uploadDocument(db, user.id, { item: "id_card", fields: idCard, files: { front: file(JPEG) } }))).expires_at).toBe(
      "This document has expired",
    );

    const valid = { ...idCard, expires_at: addDays(today(), 400) };
    // The name says .png; the bytes say GIF.
    expect((await fieldErrors(uploadDocument(db, user.id, { item: "id_card", fields: valid, files: { front: file(GIF, "front.png") } }))).front).toBe(
      "Upload a JPEG, PNG or PDF file",
    );
    const huge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    huge.set(PNG);
    expect((await fieldErrors(uploadDocument(db, user.id, { item: "id_card", fields: valid, files: { front: file(huge) } }))).front).toContain("10 MB");

    const oldBill = { type: "utility_bill", issued_at: addDays(today(), -91) };
    expect((await fieldErrors(uploadDocument(db, user.id, { item: "proof_of_address", fields: oldBill, files: { page: file(PDF) } }))).issued_at).toContain(
      "more than 90 days",
    );
    expect(await documentRows(user.id, "id_card")).toHaveLength(0);

    await uploadDocument(db, user.id, { item: "proof_of_address", fields: { ...oldBill, issued_at: addDays(today(), -90) }, files: { page: file(PDF) } });
    expect((await getItem(db, user.id, "proof_of_address"))?.state).toBe("pending");
    expect((await documentRows(user.id, "proof_of_address"))[0]?.contentType).toBe("application/pdf");
  });

  it("a new upload replaces a verified document (→ pending) and erases the old images; withdraw erases all", async () => {
    const user = await createUser();
    const db = await getDb();
    const fields = { number: "AB123456", country: "FR", issued_at: addDays(today(), -100), expires_at: addDays(today(), 900) };
    await uploadDocument(db, user.id, { item: "id_card", fields, files: { front: file(PNG), back: file(JPEG) } });
    expect(await documentRows(user.id, "id_card")).toHaveLength(2);

    await uploadDocument(db, user.id, { item: "id_card", fields: { ...fields, number: "CD987654" }, files: { front: file(PNG) } });
    const item = await getItem(db, user.id, "id_card");
    expect(item?.state).toBe("pending");
    const rows = await documentRows(user.id, "id_card");
    expect(rows.map((r) => r.id)).toEqual([(item?.value as { images: { front: string } }).images.front]);

    await withdrawItem(db, user.id, "id_card");
    expect((await getItem(db, user.id, "id_card"))?.state).toBe("missing");
    expect(await documentRows(user.id, "id_card")).toHaveLength(0);
  });

  it("a selfie from the camera (JPEG) goes to pending; a PDF is not a selfie", async () => {
    const user = await createUser();
    const db = await getDb();
    expect((await fieldErrors(submitSelfie(db, user.id, file(PDF)))).selfie).toBe("Upload a JPEG or PNG image");
    expect(await getItem(db, user.id, "liveness")).toBeNull();
    await submitSelfie(db, user.id, file(JPEG, "selfie.jpg"));
    const item = await getItem(db, user.id, "liveness");
    expect(item?.state).toBe("pending");
    expect((await documentRows(user.id, "liveness"))[0]?.side).toBe("selfie");
  });
});
