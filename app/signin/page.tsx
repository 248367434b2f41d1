import type { Metadata } from "next";

import { SignInForm } from "@/components/auth/sign-in-form";
import { safeReturnPath } from "@/lib/http/return-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Attest</h1>
      <p className="mt-2 mb-6 text-slate-600">Manage your verified identity and who may see it.</p>
      {error === "too_many_links" ? (
        // Where a link request posted straight to Auth.js lands when it was refused.
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Several sign-in links were asked for already. Use the latest one, or try again in 15 minutes.
        </p>
      ) : null}
      <SignInForm callbackUrl={safeReturnPath(callbackUrl)} />
    </div>
  );
}
