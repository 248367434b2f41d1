"use server";

import { revalidatePath } from "next/cache";

import { userAction } from "@/lib/auth/action";
import { idSchema } from "@/lib/credentials/account-schemas";
import { issueOwnCredential } from "@/lib/credentials/issue";
import { revokeOwnCredential } from "@/lib/credentials/manage";
import { getDb } from "@/lib/db/client";
import type { ActionState } from "@/lib/http/action-state";
import { requestTranslator } from "@/lib/i18n/request-preferences";

const PATH = "/account/credentials";

export const issueMyCredential = userAction("issueOwnCredential", async (user): Promise<ActionState> => {
  const issued = await issueOwnCredential(await getDb(), user.id);
  revalidatePath(PATH);
  return { ok: true, message: (await requestTranslator())("credentials.ready", { tier: issued.tier }) };
});

export const revokeMyCredential = userAction("revokeOwnCredential", async (user, _previous: ActionState, form: FormData): Promise<ActionState> => {
  const parsed = idSchema.safeParse({ id: form.get("credentialId") });
  const t = await requestTranslator();
  if (!parsed.success) return { ok: false, message: t("credentials.notFound") };
  await revokeOwnCredential(await getDb(), user.id, parsed.data.id);
  revalidatePath(PATH);
  return { ok: true, message: t("credentials.revokedDone") };
});
