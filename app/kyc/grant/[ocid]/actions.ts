"use server";

import { decideConsent } from "@/lib/consent/decide-consent";
import { decisionFormSchema, readDecisionForm, type DecisionState } from "@/lib/consent/decision-schema";
import { currentUser } from "@/lib/auth/session";
import { signOut } from "@/lib/auth/config";
import { getDb } from "@/lib/db/client";
import { safeReturnPath } from "@/lib/http/return-path";
import { isSameOriginRequest } from "@/lib/http/same-origin";

export async function submitConsentDecision(_previous: DecisionState, form: FormData): Promise<DecisionState> {
  if (!(await isSameOriginRequest())) return { kind: "refused", message: "This decision did not come from Attest's own page. Nothing was shared." };
  const user = await currentUser();
  if (!user) return { kind: "refused", message: "Your session has ended. Sign in again and open the partner's link once more. Nothing was shared." };
  const parsed = decisionFormSchema.safeParse(readDecisionForm(form));
  if (!parsed.success) return { kind: "refused", message: "The form was incomplete. Nothing was shared." };
  return decideConsent(await getDb(), user, parsed.data);
}

/** "Sign out and switch account": back to sign-in, then to the same consent request. */
export async function switchAccount(form: FormData): Promise<void> {
  const returnTo = safeReturnPath(String(form.get("returnTo") ?? ""), "/account");
  await signOut({ redirectTo: `/signin?callbackUrl=${encodeURIComponent(returnTo)}` });
}
