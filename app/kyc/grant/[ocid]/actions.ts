"use server";

import { userAction } from "@/lib/auth/action";
import { signOut } from "@/lib/auth/config";
import { decideConsent } from "@/lib/consent/decide-consent";
import { decisionFormSchema, readDecisionForm, type DecisionState } from "@/lib/consent/decision-schema";
import { getDb } from "@/lib/db/client";
import { requestTranslator } from "@/lib/i18n/request-preferences";
import { safeReturnPath } from "@/lib/http/return-path";

export const submitConsentDecision = userAction("decideConsent", async (user, _previous: DecisionState, form: FormData): Promise<DecisionState> => {
  const parsed = decisionFormSchema.safeParse(readDecisionForm(form));
  if (!parsed.success) return { ok: false, message: (await requestTranslator())("consent.incomplete") };
  return decideConsent(await getDb(), user, parsed.data);
});

/**
 * "Sign out and switch account": back to sign-in, then to the same consent request. Outside
 * the action wrapper, like signing out: it only ends the caller's own session, and a plain
 * form action must answer nothing.
 */
export async function switchAccount(form: FormData): Promise<void> {
  const returnTo = safeReturnPath(String(form.get("returnTo") ?? ""), "/account");
  await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(returnTo)}` });
}
