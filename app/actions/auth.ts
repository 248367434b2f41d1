"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { checkEmailPath } from "@/lib/auth/check-email";
import { signIn, signOut, TOO_MANY_LINKS_PATH } from "@/lib/auth/config";
import { safeReturnPath } from "@/lib/http/return-path";

export type SignInState = { error?: string; email?: string };

// The same words whether or not the address has an account.
const TOO_MANY_LINKS_MESSAGE = "Several sign-in links were asked for already. Use the latest one, or try again in 15 minutes.";

const signInSchema = z.object({
  email: z.email("Enter a valid email address, like name@example.com").max(254),
  callbackUrl: z.string().optional(),
});

export async function requestSignInLink(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: form.get("email"), callbackUrl: form.get("callbackUrl") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message, email: String(form.get("email") ?? "") };
  const callbackUrl = safeReturnPath(parsed.data.callbackUrl);
  const next = await signIn("email", { email: parsed.data.email, redirectTo: callbackUrl, redirect: false });
  if (next.endsWith(TOO_MANY_LINKS_PATH)) return { error: TOO_MANY_LINKS_MESSAGE, email: parsed.data.email };
  // The "check your email" page once the link is sent, naming the address and able to send it again.
  redirect(checkEmailPath(next, { email: parsed.data.email, callbackUrl, again: form.get("again") === "1" }));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
