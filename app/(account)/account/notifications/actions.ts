"use server";

import { revalidatePath } from "next/cache";

import { userAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { savePreferences } from "@/lib/events/preferences";
import type { ActionState } from "@/lib/http/action-state";
import { requestTranslator } from "@/lib/i18n/request-preferences";

export type PreferencesState = ActionState;

/** Saves the person's email choices: each checkbox present means yes. */
export const savePreferencesAction = userAction("savePreferences", async (user, _previous: PreferencesState, form: FormData): Promise<PreferencesState> => {
  const on = (name: string) => form.get(name) === "on";
  await savePreferences(await getDb(), user.id, { decisions: on("decisions"), credentials: on("credentials"), expiry: on("expiry"), dataAccess: on("dataAccess") });
  revalidatePath("/account");
  return { ok: true, message: (await requestTranslator())("notifications.saved") };
});
