import type { Metadata } from "next";
import Link from "next/link";

import { DeleteAccountForm } from "@/components/kyc/delete-account-form";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Delete your account" };

export default async function DeleteAccountPage() {
  const user = await requireUser("/account/delete");
  return (
    <div className="max-w-2xl space-y-6">
      <Link href="/account" className="text-sm font-medium text-brand-700 hover:underline">
        ← All items
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">Delete your account</h1>
      <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700 sm:p-6">
        <p>
          This erases <span className="font-medium">{user.email}</span>, every identity item, every uploaded document and selfie, your consents and your
          sessions. It cannot be undone.
        </p>
        <p>
          Partners asking about your OCID ({user.ocid}) will be told it does not exist. Our audit log keeps a record that an account was deleted, without
          any of your personal data.
        </p>
        <DeleteAccountForm />
      </div>
    </div>
  );
}
