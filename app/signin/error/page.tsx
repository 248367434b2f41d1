import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, string> = {
  Verification: "This sign-in link has already been used or has expired. Ask for a new one.",
  AccessDenied: "You cannot sign in with this account.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" role="alert">
      <h1 className="text-2xl font-semibold tracking-tight">We could not sign you in</h1>
      <p className="mt-3 text-slate-700">{MESSAGES[error ?? ""] ?? "Something went wrong while signing you in. Please try again."}</p>
      <Link href="/signin" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        Get a new link
      </Link>
    </div>
  );
}
