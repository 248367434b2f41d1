"use server";

import { revalidatePath } from "next/cache";

import { userAction } from "@/lib/auth/action";
import { idSchema } from "@/lib/credentials/account-schemas";
import { issueOwnCredential } from "@/lib/credentials/issue";
import { revokeOwnCredential } from "@/lib/credentials/manage";
import { getDb } from "@/lib/db/client";
import type { ActionState } from "@/lib/http/action-state";

const PATH = "/account/credentials";

export const issueMyCredential = userAction("issueOwnCredential", async (user): Promise<ActionState> => {
  const issued = await issueOwnCredential(await getDb(), user.id);
  revalidatePath(PATH);
  return { ok: true, message: `Your ${issued.tier} credential is ready.` };
});

export const revokeMyCredential = userAction("revokeOwnCredential", async (user, _previous: ActionState, form: FormData): Promise<ActionState> => {
  const parsed = idSchema.safeParse({ id: form.get("credentialId") });
  if (!parsed.success) return { ok: false, message: "That credential could not be found." };
  await revokeOwnCredential(await getDb(), user.id, parsed.data.id);
  revalidatePath(PATH);
  return { ok: true, message: "The credential is revoked. Anyone who checks it now sees it as revoked." };
});
