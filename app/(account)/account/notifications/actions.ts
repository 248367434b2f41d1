"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { savePreferences } from "@/lib/events/preferences";

export type PreferencesState = { message?: string };

/** Saves the person's email choices: each checkbox present means yes. */
export async function savePreferencesAction(_previous: PreferencesState, form: FormData): Promise<PreferencesState> {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=%2Faccount");
  const on = (name: string) => form.get(name) === "on";
  await savePreferences(await getDb(), user.id, { decisions: on("decisions"), credentials: on("credentials"), expiry: on("expiry"), dataAccess: on("dataAccess") });
  revalidatePath("/account");
  return { message: "Saved." };
}
