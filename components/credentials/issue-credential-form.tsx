"use client";

import { useActionState } from "react";

import { issueMyCredential, type CredentialActionState } from "@/app/(account)/account/credentials/actions";

export function IssueCredentialForm({ tier }: { tier: string }) {
  const [state, action, pending] = useActionState<CredentialActionState>(issueMyCredential, {});
  return (
    <form action={action} className="space-y-2">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Issuing…" : `Issue a ${tier} credential`}
      </button>
      <p role="status" aria-live="polite" className={state.error ? "text-sm text-red-700" : "text-sm text-emerald-800"}>
        {state.error ?? state.message ?? ""}
      </p>
    </form>
  );
}
