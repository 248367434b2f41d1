"use server";

import { revalidatePath } from "next/cache";

import { staffAction } from "@/lib/auth/action";
import { idSchema } from "@/lib/credentials/account-schemas";
import { revokeByStaff } from "@/lib/credentials/manage";
import { getDb } from "@/lib/db/client";
import type { ActionState } from "@/lib/http/action-state";

export const revokeCredentialAction = staffAction("credentials.revoke", "revokeByStaff", async (staff, _previous: ActionState, form: FormData): Promise<ActionState> => {
  const parsed = idSchema.safeParse({ id: form.get("credentialId") });
  if (!parsed.success) return { ok: false, message: "That credential could not be found." };
  const revoked = await revokeByStaff(await getDb(), parsed.data.id, staff.id);
  revalidatePath("/admin/credentials");
  return revoked ? { ok: true, message: "Revoked." } : { ok: false, message: "It was already revoked." };
});
