"use server";

import { revalidatePath } from "next/cache";
import { regrantItem } from "@/lib/consent/regrant";
import { regrantFormSchema, revokeFormSchema } from "@/lib/consent/revoke-schema";

import { userAction } from "@/lib/auth/action";
import { revokeGrants } from "@/lib/consent/revoke";
import { getDb } from "@/lib/db/client";
import type { ActionState } from "@/lib/http/action-state";

export const revokeAction = userAction("revokeGrants", async (user, _previous: ActionState, form: FormData): Promise<ActionState> => {
  const parsed = revokeFormSchema.safeParse({ partnerOcid: form.get("partnerOcid"), item: form.get("item") || undefined });
  if (!parsed.success) return { ok: false, message: "The form was incomplete. Nothing changed." };
  const { partnerOcid, item } = parsed.data;
  const revoked = await revokeGrants(await getDb(), { userId: user.id, partnerOcid, items: item ? [item] : undefined });
  revalidatePath("/account/partners");
  return { ok: true, message: revoked.length === 0 ? "Nothing was shared, so nothing changed." : `Access taken back: ${revoked.length} item${revoked.length === 1 ? "" : "s"}.` };
});

export const regrantAction = userAction("regrantItem", async (user, _previous: ActionState, form: FormData): Promise<ActionState> => {
  const parsed = regrantFormSchema.safeParse({ partnerOcid: form.get("partnerOcid"), item: form.get("item") });
  if (!parsed.success) return { ok: false, message: "The form was incomplete. Nothing changed." };
  const changed = await regrantItem(await getDb(), { userId: user.id, ...parsed.data });
  revalidatePath("/account/partners");
  return { ok: true, message: changed ? "Shared again. A new receipt is below." : "It is shared already, so nothing changed." };
});
