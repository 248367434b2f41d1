"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { publicAction } from "@/lib/auth/action";
import { checkEmailPath } from "@/lib/auth/check-email";
import { signIn, signOut, TOO_MANY_LINKS_PATH } from "@/lib/auth/config";
import { fieldErrorsOf, type ActionState } from "@/lib/http/action-state";
import { safeReturnPath } from "@/lib/http/return-path";

export type SignInState = ActionState<{ email: string }>;

// The same words whether or not the address has an account.
const TOO_MANY_LINKS_MESSAGE = "Several sign-in links were asked for already. Use the latest one, or try again in 15 minutes.";

const signInSchema = z.object({
  email: z.email("Enter a valid email address, like name@example.com").max(254),
  callbackUrl: z.string().optional(),
});

export const requestSignInLink = publicAction("signIn", async (_previous: SignInState, form: FormData): Promise<SignInState> => {
  const parsed = signInSchema.safeParse({ email: form.get("email"), callbackUrl: form.get("callbackUrl") ?? undefined });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, message: fieldErrors.email ?? fieldErrors.callbackUrl, fieldErrors, email: String(form.get("email") ?? "") };
  }
  const callbackUrl = safeReturnPath(parsed.data.callbackUrl);
  const next = await signIn("email", { email: parsed.data.email, redirectTo: callbackUrl, redirect: false });
  if (next.endsWith(TOO_MANY_LINKS_PATH)) return { ok: false, message: TOO_MANY_LINKS_MESSAGE, email: parsed.data.email };
  // The "check your email" page once the link is sent, naming the address and able to send it again.
  redirect(checkEmailPath(next, { email: parsed.data.email, callbackUrl, again: form.get("again") === "1" }));
});

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
