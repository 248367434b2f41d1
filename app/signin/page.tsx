import type { Metadata } from "next";

import { SignInForm } from "@/components/auth/sign-in-form";
import { safeReturnPath } from "@/lib/http/return-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Attest</h1>
      <p className="mt-2 mb-6 text-slate-600">Manage your verified identity and who may see it.</p>
      <SignInForm callbackUrl={safeReturnPath(callbackUrl)} />
    </div>
  );
}
