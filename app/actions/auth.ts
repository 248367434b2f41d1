"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { checkEmailPath } from "@/lib/auth/check-email";
import { signIn, signOut } from "@/lib/auth/config";
import { safeReturnPath } from "@/lib/http/return-path";

export type SignInState = { error?: string; email?: string };

const signInSchema = z.object({
  email: z.email("Enter a valid email address, like name@example.com").max(254),
  callbackUrl: z.string().optional(),
});

export async function requestSignInLink(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: form.get("email"), callbackUrl: form.get("callbackUrl") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message, email: String(form.get("email") ?? "") };
  const callbackUrl = safeReturnPath(parsed.data.callbackUrl);
  const next = await signIn("email", { email: parsed.data.email, redirectTo: callbackUrl, redirect: false });
  // The "check your email" page once the link is sent, naming the address and able to send it again.
  redirect(checkEmailPath(next, { email: parsed.data.email, callbackUrl, again: form.get("again") === "1" }));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
