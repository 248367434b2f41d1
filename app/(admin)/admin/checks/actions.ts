"use server";

import { revalidatePath } from "next/cache";

import { staffOrNull } from "@/lib/auth/session";
import { saveChecksPolicy } from "@/lib/checks/policy";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

export type PolicyFormState = { ok?: boolean; message?: string };

const number = (form: FormData, name: string) => Number(String(form.get(name) ?? "").trim() || Number.NaN);

export async function saveChecksPolicyAction(_previous: PolicyFormState, form: FormData): Promise<PolicyFormState> {
  const staff = await staffOrNull("checks.manage");
  if (!staff) return { message: "You are not allowed to change the checks policy." };
  try {
    await saveChecksPolicy(await getDb(), staff.id, {
      autoApprove: form.get("autoApprove") === "on",
      autoResubmit: form.get("autoResubmit") === "on",
      samplingShare: number(form, "samplingPercent") / 100,
      thresholds: { faceMatch: number(form, "faceMatch"), antispoof: number(form, "antispoof"), liveness: number(form, "liveness") },
    });
    revalidatePath("/admin/checks");
    return { ok: true, message: "Saved. Checks finished from now on follow this policy." };
  } catch (error) {
    if (error instanceof AppError) return { message: `${error.message}${error.details?.field ? ` (${String(error.details.field)})` : ""}` };
    throw error;
  }
}
