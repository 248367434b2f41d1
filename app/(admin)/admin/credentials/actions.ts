"use server";

import { revalidatePath } from "next/cache";

import { requireStaff } from "@/lib/auth/session";
import { idSchema } from "@/lib/credentials/account-schemas";
import { revokeByStaff } from "@/lib/credentials/manage";
import { getDb } from "@/lib/db/client";

export type RevokeState = { error?: string; message?: string };

export async function revokeCredentialAction(_previous: RevokeState, form: FormData): Promise<RevokeState> {
  const staff = await requireStaff("credentials.revoke");
  const parsed = idSchema.safeParse({ id: form.get("credentialId") });
  if (!parsed.success) return { error: "That credential could not be found." };
  const revoked = await revokeByStaff(await getDb(), parsed.data.id, staff.id);
  revalidatePath("/admin/credentials");
  return revoked ? { message: "Revoked." } : { error: "It was already revoked." };
}
