"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { staffAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { fieldErrorsOf, type ActionState } from "@/lib/http/action-state";
import { partnerFormValues, partnerSchema, savePartner, setPartnerStatus } from "@/lib/ocn/partner-registry";

export const savePartnerAction = staffAction(
  "partners.manage",
  "savePartner",
  async (admin, mode: "register" | "update", _state: ActionState, form: FormData): Promise<ActionState> => {
    const parsed = partnerSchema.safeParse(partnerFormValues(form));
    if (!parsed.success) return { ok: false, message: "Check the form.", fieldErrors: fieldErrorsOf(parsed.error) };
    await savePartner(await getDb(), admin.id, parsed.data, mode);
    revalidatePath("/admin/partners");
    if (mode === "register") redirect(`/admin/partners/${parsed.data.ocid}?saved=1`);
    return { ok: true, message: "Saved: metadata fetched and its signature verified." };
  },
);

const statusSchema = z.object({ ocid: z.coerce.number().int().positive(), status: z.enum(["active", "suspended"]) });

export const setPartnerStatusAction = staffAction("partners.manage", "setPartnerStatus", async (admin, _state: ActionState, form: FormData): Promise<ActionState> => {
  const parsed = statusSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: "This form is out of date. Reload the page." };
  await setPartnerStatus(await getDb(), admin.id, parsed.data.ocid, parsed.data.status);
  revalidatePath(`/admin/partners/${parsed.data.ocid}`);
  return { ok: true, message: parsed.data.status === "suspended" ? "Suspended: the partner's calls are refused." : "Reactivated." };
});
