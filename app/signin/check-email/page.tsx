import type { Metadata } from "next";
import Link from "next/link";

import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  const showMailbox = !getEnv().production;
  return (
    <div className="mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" role="status">
      <h1 className="text-2xl font-semibold tracking-tight">Check your email</h1>
      <p className="mt-3 text-slate-700">We sent you a sign-in link. Open it on this device to continue; it expires in 15 minutes.</p>
      {showMailbox ? (
        <p className="mt-4 text-sm text-slate-600">
          This is a development server: messages are kept in the{" "}
          <Link className="font-medium text-brand-700 underline" href="/dev/mailbox">
            development mailbox
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}
