"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { publicAction } from "@/lib/auth/action";
import { checkEmailPath } from "@/lib/auth/check-email";
import { signIn, signOut, TOO_MANY_LINKS_PATH } from "@/lib/auth/config";
import { fieldErrorsOf, type ActionState, type FieldErrors } from "@/lib/http/action-state";
import { requestTranslator } from "@/lib/i18n/request-preferences";
import { safeReturnPath } from "@/lib/http/return-path";

export type SignInState = ActionState<{ email: string }>;

const signInSchema = z.object({
  email: z.email("Enter a valid email address, like name@example.com").max(254),
  callbackUrl: z.string().optional(),
});

export const requestSignInLink = publicAction("signIn", async (_previous: SignInState, form: FormData): Promise<SignInState> => {
  const t = await requestTranslator();
  const parsed = signInSchema.safeParse({ email: form.get("email"), callbackUrl: form.get("callbackUrl") ?? undefined });
  if (!parsed.success) {
    // The one field a person types: its message in their language.
    const fieldErrors: FieldErrors = fieldErrorsOf(parsed.error);
    if (fieldErrors.email) fieldErrors.email = t("signIn.invalidEmail");
    return { ok: false, message: fieldErrors.email ?? fieldErrors.callbackUrl, fieldErrors, email: String(form.get("email") ?? "") };
  }
  const callbackUrl = safeReturnPath(parsed.data.callbackUrl);
  const next = await signIn("email", { email: parsed.data.email, redirectTo: callbackUrl, redirect: false });
  // The same words whether or not the address has an account.
  if (next.endsWith(TOO_MANY_LINKS_PATH)) return { ok: false, message: t("signIn.tooManyLinks"), email: parsed.data.email };
  // The "check your email" page once the link is sent, naming the address and able to send it again.
  redirect(checkEmailPath(next, { email: parsed.data.email, callbackUrl, again: form.get("again") === "1" }));
});

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
