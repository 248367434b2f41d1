"use client";

import { useActionState } from "react";

import { revokeMyCredential, type CredentialActionState } from "@/app/(account)/account/credentials/actions";

export function RevokeCredentialForm({ credentialId }: { credentialId: string }) {
  const [state, action, pending] = useActionState<CredentialActionState, FormData>(revokeMyCredential, {});
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm("Revoke this credential? Anyone who checks it will see it as revoked. This cannot be undone.")) event.preventDefault();
      }}
      className="inline-flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="credentialId" value={credentialId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state.error ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
