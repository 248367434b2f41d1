"use server";

import { z } from "zod";

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
  // Throws Next's redirect to the "check your email" page once the link is sent.
  await signIn("email", { email: parsed.data.email, redirectTo: safeReturnPath(parsed.data.callbackUrl) });
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
