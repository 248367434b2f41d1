import { describe, expect, it } from "vitest";

import { resolveAuditNames, userIdFor } from "@/lib/audit/names";
import { getDb } from "@/lib/db/client";
import { decideItem } from "@/lib/review/decide";
import { loadReviewDashboard } from "@/lib/review/dashboard";
import { createUser, uniqueEmail } from "@/tests/support/factories";

const HOUR = 3_600_000;
const passport = { number: "X1234567", country: "NG", issued_at: "2021-01-01", expires_at: "2031-01-01", images: { front: crypto.randomUUID() } };

describe("reviewer dashboard", () => {
  it("counts pending items by age, overdue ones, today's decisions per reviewer and the median time to decision", async () => {
    const db = await getDb();
    const before = await loadReviewDashboard(db, 24);
    const email = uniqueEmail("dash-reviewer");
    const reviewer = await createUser({ role: "reviewer", email });
    await createUser({ items: { driver_license: { state: "pending", value: passport, verifiedAt: new Date(Date.now() - 50 * HOUR) } } });
    const decided = await createUser({ items: { id_card: { state: "pending", value: passport, verifiedAt: new Date(Date.now() - 2 * HOUR) } } });
    await decideItem(db, reviewer.id, decided.id, { decision: "approve", item: "id_card" });

    const after = await loadReviewDashboard(db, 24);
    const licences = (data: typeof after) => data.pending.find((row) => row.item === "driver_license");
    expect((licences(after)?.oneToThreeDays ?? 0) - (licences(before)?.oneToThreeDays ?? 0)).toBe(1);
    expect(after.overdue - before.overdue).toBe(1);
    expect(after.decisionsToday.find((row) => row.reviewer === email)?.decisions).toBe(1);
    expect(after.decisionsLastWeek).toBeGreaterThan(before.decisionsLastWeek);
    expect(after.medianHours).not.toBeNull();
  });
});

describe("audit names", () => {
  it("shows staff by email, people by OCID, and resolves either in a filter", async () => {
    const db = await getDb();
    const email = uniqueEmail("audit-staff");
    const staff = await createUser({ role: "admin", email });
    const person = await createUser({});
    const names = await resolveAuditNames(db, [{ actorId: staff.id, subjectUserId: person.id, partnerOcid: null }]);
    expect(names.users.get(staff.id)?.label).toBe(email);
    expect(names.users.get(person.id)?.label).toMatch(/^OCID \d+$/);
    expect(await userIdFor(db, email.toUpperCase())).toBe(staff.id);
    expect(await userIdFor(db, String(names.users.get(person.id)!.ocid))).toBe(person.id);
    expect(await userIdFor(db, "nobody@example.com")).toBeNull();
  });
});
