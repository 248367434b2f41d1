import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { analyseImage } from "@/lib/checks/engine";
import { closeModels } from "@/lib/checks/models";
import { analyseInThread, stopChecksThread } from "@/lib/checks/pool";
import { DEFAULT_POLICY } from "@/lib/checks/policy-defaults";
import { saveChecksPolicy } from "@/lib/checks/policy";
import { claimCheckJob, LEASE_MS, runCheckJob, type Analyser } from "@/lib/checks/queue";
import { passportPhoto, selfiePhoto, tampered, testPerson, type TestPerson } from "@/lib/checks/test-set";
import { getDb } from "@/lib/db/client";
import { auditLog, checkJobs, checkResults } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { mrzCountryToAlpha2 } from "@/lib/items/countries";
import { submitSelfieChecked as submitSelfie, uploadDocumentChecked as uploadDocument } from "@/lib/checks/uploads";
import { getItem } from "@/lib/items/store";
import { createUser } from "@/tests/support/factories";

// The checks run on real models here: loaded once for the file, in this thread.
const engine: Analyser = analyseImage;

function setChecks(value: "on" | "off") {
  process.env.CHECKS = value;
  resetEnvForTests();
}

beforeEach(() => setChecks("on"));
afterAll(async () => {
  delete process.env.CHECKS;
  resetEnvForTests();
  await closeModels();
  await stopChecksThread();
});

async function personWithUploads(p: TestPerson, images?: { passport: Buffer; selfie: Buffer }) {
  const user = await createUser({ items: { date_of_birth: { state: "verified", value: p.birthDate }, name: { state: "verified", value: { first_name: p.first, last_name: p.last } } } });
  const db = await getDb();
  const fields = { number: p.number, country: mrzCountryToAlpha2(p.nationality)!, issued_at: "2022-03-01", expires_at: p.expiresAt, mrz: p.mrz.join("\n") };
  await uploadDocument(db, user.id, { item: "passport", fields, files: { front: { name: "passport.jpg", bytes: images?.passport ?? (await passportPhoto(p)) } } });
  await submitSelfie(db, user.id, { name: "selfie.jpg", bytes: images?.selfie ?? (await selfiePhoto(p)) });
  return user;
}

/** Works the queue until it is empty, as an instance's worker does. */
async function drain(analyser: Analyser = engine) {
  const db = await getDb();
  for (let job = await claimCheckJob(db); job; job = await claimCheckJob(db)) await runCheckJob(db, job, analyser);
}

async function jobsOf(userId: string) {
  return (await getDb()).select().from(checkJobs).where(eq(checkJobs.userId, userId));
}

async function autoApproveEverything() {
  const admin = await createUser({ role: "admin" });
  await saveChecksPolicy(await getDb(), admin.id, { ...DEFAULT_POLICY, autoApprove: true, samplingShare: 0 });
}

describe("automated checks", { timeout: 120_000 }, () => {
  it("CHECKS=off queues nothing and leaves both items to reviewers", async () => {
    setChecks("off");
    const user = await personWithUploads(testPerson(3));
    expect(await jobsOf(user.id)).toEqual([]);
    await drain();
    const db = await getDb();
    expect((await getItem(db, user.id, "passport"))?.state).toBe("pending");
    expect((await getItem(db, user.id, "liveness"))?.state).toBe("pending");
  });

  it("auto-approves a genuine passport and selfie, audited as the system actor with its scores", async () => {
    await autoApproveEverything();
    const p = testPerson(0);
    const user = await personWithUploads(p);
    await drain();
    const db = await getDb();
    expect((await getItem(db, user.id, "passport"))?.state).toBe("verified");
    expect((await getItem(db, user.id, "liveness"))?.state).toBe("verified");
    const approvals = await db.select().from(auditLog).where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, "item.approved")));
    expect(approvals.map((a) => a.actorType)).toEqual(["system", "system"]);
    const checks = approvals[0]!.details.checks as { similarity: number; outcome: string; models: { human: string } };
    expect(checks.outcome).toBe("approve");
    expect(checks.similarity).toBeGreaterThanOrEqual(DEFAULT_POLICY.thresholds.faceMatch);
    expect(checks.models.human).toMatch(/^3\.3\./);
    // Scores only: the audit log never holds the MRZ or a face descriptor.
    expect(JSON.stringify(approvals)).not.toContain(p.mrz[1].slice(0, 9));
    expect((await jobsOf(user.id)).map((j) => j.state)).toEqual(["done", "done"]);
  });

  it("sends a passport carrying another person's face to a reviewer", async () => {
    await autoApproveEverything();
    const p = testPerson(1);
    const user = await personWithUploads(p, await tampered("swapped_face", p, testPerson(2)));
    await drain();
    const db = await getDb();
    expect((await getItem(db, user.id, "passport"))?.state).toBe("pending");
    expect((await getItem(db, user.id, "liveness"))?.state).toBe("pending");
    const [result] = await db.select().from(checkResults).where(and(eq(checkResults.userId, user.id), eq(checkResults.item, "passport")));
    expect(result?.outcome).toBe("review");
    expect(result?.risk).toBeGreaterThan(0);
    // The face mismatch is a concern the review queue ranks the case by.
    expect(result?.concerns).toBeGreaterThanOrEqual(1);
    const [completed] = await db.select().from(auditLog).where(and(eq(auditLog.subjectUserId, user.id), eq(auditLog.action, "checks.completed"))).orderBy(desc(auditLog.id)).limit(1);
    expect(completed?.details.findings).toContain("face_mismatch");
  });

  it("refuses a blurred photo at upload, saying what to fix", async () => {
    const p = testPerson(4);
    const user = await createUser({ items: { date_of_birth: { state: "verified", value: p.birthDate } } });
    const sharp = (await import("sharp")).default;
    const blurred = await sharp(await passportPhoto(p)).blur(6).jpeg().toBuffer();
    const fields = { number: p.number, country: mrzCountryToAlpha2(p.nationality)!, issued_at: "2022-03-01", expires_at: p.expiresAt, mrz: p.mrz.join("\n") };
    const error = await uploadDocument(await getDb(), user.id, { item: "passport", fields, files: { front: { name: "blurred.jpg", bytes: blurred } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(((error as AppError).details?.fields as Record<string, string>).front).toContain("blurred: hold the camera still");
    expect(await getItem(await getDb(), user.id, "passport")).toBeNull();
  });

  it("a job whose worker died is taken again once its lease runs out, and finished", async () => {
    const user = await personWithUploads(testPerson(5));
    const db = await getDb();
    const first = await claimCheckJob(db);
    expect(first?.userId).toBe(user.id);
    // The worker holding `first` dies here. Until the lease runs out nobody else takes it…
    const second = await claimCheckJob(db);
    expect(second?.id).not.toBe(first!.id);
    await runCheckJob(db, second!, engine);
    expect(await claimCheckJob(db)).toBeNull();
    // …then another instance does, and finishes it.
    const later = new Date(Date.now() + LEASE_MS + 1_000);
    const again = await claimCheckJob(db, later);
    expect(again?.id).toBe(first!.id);
    expect(again?.attempts).toBe(2);
    await runCheckJob(db, again!, engine, later);
    expect((await jobsOf(user.id)).map((j) => j.state)).toEqual(["done", "done"]);
    expect(await db.select().from(checkResults).where(eq(checkResults.userId, user.id))).toHaveLength(2);
  });

  it("a checks thread killed mid-analysis puts the job back in the queue; the next thread finishes it", async () => {
    const user = await personWithUploads(testPerson(6));
    const db = await getDb();
    const thread: Analyser = analyseInThread;
    const job = await claimCheckJob(db);
    const running = runCheckJob(db, job!, thread);
    // The analysis is under way in the thread when it is killed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stopChecksThread();
    await running;
    const [failed] = await db.select().from(checkJobs).where(eq(checkJobs.id, job!.id));
    expect(failed).toMatchObject({ state: "queued", attempts: 1 });
    expect(failed!.lastError).toBe("Error");
    await drain(thread);
    const retried = await claimCheckJob(db, new Date(Date.now() + 60 * 60_000));
    await runCheckJob(db, retried!, thread);
    expect((await jobsOf(user.id)).map((j) => j.state)).toEqual(["done", "done"]);
  });
});
