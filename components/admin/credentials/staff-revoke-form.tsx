"use client";

import { useActionState } from "react";

import { revokeCredentialAction, type RevokeState } from "@/app/(admin)/admin/credentials/actions";

export function StaffRevokeForm({ credentialId }: { credentialId: string }) {
  const [state, action, pending] = useActionState<RevokeState, FormData>(revokeCredentialAction, {});
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm("Revoke this credential? Verifiers will see it as revoked. This cannot be undone.")) event.preventDefault();
      }}
      className="inline-flex items-center gap-2"
    >
      <input type="hidden" name="credentialId" value={credentialId} />
      <button type="submit" disabled={pending} className="rounded-md border border-red-300 bg-white px-3 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
        {pending ? "Revoking…" : <>Revoke<span className="sr-only"> credential {credentialId}</span></>}
      </button>
      {state.error ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
