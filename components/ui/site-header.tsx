import Link from "next/link";

import { signOutAction } from "@/app/actions/auth";
import { currentUser } from "@/lib/auth/session";

export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight text-brand-900">
          Attest
        </Link>
        <div className="flex flex-1 flex-wrap items-center gap-x-5 gap-y-1 text-sm text-slate-700">
          <Link href="/account" className="hover:text-brand-700">
            Your identity
          </Link>
          <Link href="/demo" className="hover:text-brand-700">
            Demo gateway
          </Link>
          {user?.role ? (
            <Link href="/admin" className="hover:text-brand-700">
              Console
            </Link>
          ) : null}
        </div>
        <div className="text-sm">
          {user ? (
            <form action={signOutAction} className="flex items-center gap-3">
              <span className="text-slate-600" data-testid="signed-in-as">
                {user.email}
              </span>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          ) : (
            <Link href="/signin" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
              Sign in
            </Link>
          )}
        </div>
      </nav>
    </header>
  );
}
