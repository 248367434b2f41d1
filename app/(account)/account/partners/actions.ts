"use server";

import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth/session";
import { regrantItem } from "@/lib/consent/regrant";
import { regrantFormSchema, revokeFormSchema, type RevokeState } from "@/lib/consent/revoke-schema";
import { revokeGrants } from "@/lib/consent/revoke";
import { getDb } from "@/lib/db/client";
import { isSameOriginRequest } from "@/lib/http/same-origin";

export async function revokeAction(_previous: RevokeState, form: FormData): Promise<RevokeState> {
  if (!(await isSameOriginRequest())) return { kind: "refused", message: "This request did not come from Attest's own page. Nothing changed." };
  const user = await currentUser();
  if (!user) return { kind: "refused", message: "Your session has ended. Sign in again." };
  const parsed = revokeFormSchema.safeParse({ partnerOcid: form.get("partnerOcid"), item: form.get("item") || undefined });
  if (!parsed.success) return { kind: "refused", message: "The form was incomplete. Nothing changed." };
  const { partnerOcid, item } = parsed.data;
  const revoked = await revokeGrants(await getDb(), { userId: user.id, partnerOcid, items: item ? [item] : undefined });
  revalidatePath("/account/partners");
  return { kind: "done", message: revoked.length === 0 ? "Nothing was shared, so nothing changed." : `Access taken back: ${revoked.length} item${revoked.length === 1 ? "" : "s"}.` };
}

export async function regrantAction(_previous: RevokeState, form: FormData): Promise<RevokeState> {
  if (!(await isSameOriginRequest())) return { kind: "refused", message: "This request did not come from Attest's own page. Nothing changed." };
  const user = await currentUser();
  if (!user) return { kind: "refused", message: "Your session has ended. Sign in again." };
  const parsed = regrantFormSchema.safeParse({ partnerOcid: form.get("partnerOcid"), item: form.get("item") });
  if (!parsed.success) return { kind: "refused", message: "The form was incomplete. Nothing changed." };
  const changed = await regrantItem(await getDb(), { userId: user.id, ...parsed.data });
  revalidatePath("/account/partners");
  return { kind: "done", message: changed ? "Shared again. A new receipt is below." : "It is shared already, so nothing changed." };
}
