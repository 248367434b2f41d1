import type { Metadata } from "next";
import Link from "next/link";

import { ResendLinkForm } from "@/components/auth/resend-link-form";
import { sentToFrom } from "@/lib/auth/check-email";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };

type Query = { email?: string | string[]; callbackUrl?: string | string[]; again?: string | string[] };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<Query> }) {
  const sent = sentToFrom(await searchParams);
  const showMailbox = !getEnv().production;
  const otherAddress = `/signin?${new URLSearchParams({ callbackUrl: sent?.callbackUrl ?? "/account" })}`;
  return (
    <div className="mx-auto max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">Check your email</h1>
      <p role="status" className="text-slate-700">
        {sent ? (
          <>
            We sent {sent.again ? "a new" : "a"} sign-in link to <strong className="font-semibold break-all text-slate-900">{sent.email}</strong>.
          </>
        ) : (
          "We sent you a sign-in link."
        )}{" "}
        Open it on this device to continue; it expires in 15 minutes.
      </p>
      {sent ? (
        <div className="space-y-3 border-t border-slate-200 pt-4">
          <p className="text-sm text-slate-600">Nothing arrived after a few minutes? Look in your spam folder, or ask for the link again.</p>
          <ResendLinkForm email={sent.email} callbackUrl={sent.callbackUrl} />
        </div>
      ) : null}
      <p className="text-sm text-slate-600">
        <Link className="font-medium text-brand-700 underline" href={otherAddress}>
          Use another email address
        </Link>
      </p>
      {showMailbox ? (
        <p className="text-sm text-slate-600">
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
