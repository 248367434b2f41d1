"use server";

import { revalidatePath } from "next/cache";

import { staffAction } from "@/lib/auth/action";
import { saveChecksPolicy } from "@/lib/checks/policy";
import { getDb } from "@/lib/db/client";
import type { ActionState } from "@/lib/http/action-state";

const number = (form: FormData, name: string) => Number(String(form.get(name) ?? "").trim() || Number.NaN);

export const saveChecksPolicyAction = staffAction("checks.manage", "saveChecksPolicy", async (staff, _previous: ActionState, form: FormData): Promise<ActionState> => {
  await saveChecksPolicy(await getDb(), staff.id, {
    autoApprove: form.get("autoApprove") === "on",
    autoResubmit: form.get("autoResubmit") === "on",
    samplingShare: number(form, "samplingPercent") / 100,
    thresholds: { faceMatch: number(form, "faceMatch"), antispoof: number(form, "antispoof"), liveness: number(form, "liveness") },
  });
  revalidatePath("/admin/checks");
  return { ok: true, message: "Saved. Checks finished from now on follow this policy." };
});
