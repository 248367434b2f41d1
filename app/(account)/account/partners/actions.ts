"use server";

import { revalidatePath } from "next/cache";
import { regrantItem } from "@/lib/consent/regrant";
import { regrantFormSchema, revokeFormSchema } from "@/lib/consent/revoke-schema";

import { userAction } from "@/lib/auth/action";
import { revokeGrants } from "@/lib/consent/revoke";
import { getDb } from "@/lib/db/client";
import type { ActionState } from "@/lib/http/action-state";
import { requestTranslator } from "@/lib/i18n/request-preferences";

export const revokeAction = userAction("revokeGrants", async (user, _previous: ActionState, form: FormData): Promise<ActionState> => {
  const t = await requestTranslator();
  const parsed = revokeFormSchema.safeParse({ partnerOcid: form.get("partnerOcid"), item: form.get("item") || undefined });
  if (!parsed.success) return { ok: false, message: t("partners.incomplete") };
  const { partnerOcid, item } = parsed.data;
  const revoked = await revokeGrants(await getDb(), { userId: user.id, partnerOcid, items: item ? [item] : undefined });
  revalidatePath("/account/partners");
  return { ok: true, message: revoked.length === 0 ? t("partners.nothingShared") : t("partners.takenBack", { count: revoked.length }) };
});

export const regrantAction = userAction("regrantItem", async (user, _previous: ActionState, form: FormData): Promise<ActionState> => {
  const t = await requestTranslator();
  const parsed = regrantFormSchema.safeParse({ partnerOcid: form.get("partnerOcid"), item: form.get("item") });
  if (!parsed.success) return { ok: false, message: t("partners.incomplete") };
  const changed = await regrantItem(await getDb(), { userId: user.id, ...parsed.data });
  revalidatePath("/account/partners");
  return { ok: true, message: changed ? t("partners.sharedAgain") : t("partners.alreadyShared") };
});
