"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { staffOrNull } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, invalidRequest, logUnexpected } from "@/lib/http/errors";
import { partnerFormValues, partnerSchema, savePartner, setPartnerStatus } from "@/lib/ocn/partner-registry";

export type PartnerFormState = { error?: string; notice?: string };

export async function savePartnerAction(mode: "register" | "update", _state: PartnerFormState, form: FormData): Promise<PartnerFormState> {
  const admin = await staffOrNull("partners.manage");
  if (!admin) return { error: "Only admins manage partners." };
  const parsed = partnerSchema.safeParse(partnerFormValues(form));
  if (!parsed.success) return { error: invalidRequest(parsed.error).message };
  try {
    await savePartner(await getDb(), admin.id, parsed.data, mode);
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    logUnexpected(error);
    return { error: "The partner could not be saved. Try again." };
  }
  revalidatePath("/admin/partners");
  if (mode === "register") redirect(`/admin/partners/${parsed.data.ocid}?saved=1`);
  return { notice: "Saved: metadata fetched and its signature verified." };
}

export async function setPartnerStatusAction(form: FormData): Promise<void> {
  const admin = await staffOrNull("partners.manage");
  const parsed = z.object({ ocid: z.coerce.number().int().positive(), status: z.enum(["active", "suspended"]) }).safeParse(Object.fromEntries(form));
  if (!admin || !parsed.success) return;
  try {
    await setPartnerStatus(await getDb(), admin.id, parsed.data.ocid, parsed.data.status);
  } catch (error) {
    if (!(error instanceof AppError)) logUnexpected(error);
  }
  revalidatePath(`/admin/partners/${parsed.data.ocid}`);
}
