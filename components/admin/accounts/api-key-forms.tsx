"use client";

import { useActionState } from "react";

import { createApiKeyAction, mintAccountTokenAction, revokeApiKeyAction, type AccountFormState } from "@/app/(admin)/admin/accounts/actions";
import { IDLE } from "@/lib/http/action-state";
import { FormOutcome, inputClass, OneTimeSecret, primaryButton } from "@/components/admin/accounts/form-bits";

export function CreateApiKeyForm({ accountId }: { accountId: string }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(createApiKeyAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="accountId" value={accountId} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="key-mode" className="block text-sm font-medium text-slate-800">
            Mode
          </label>
          <select id="key-mode" name="mode" defaultValue="test" className={`${inputClass} w-40`}>
            <option value="test">Test (sk_test_)</option>
            <option value="live">Live (sk_live_)</option>
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="key-name" className="block text-sm font-medium text-slate-800">
            Key label
          </label>
          <input id="key-name" name="name" maxLength={80} placeholder="e.g. checkout" className={`${inputClass} w-56`} />
        </div>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Creating…" : "Create API key"}
        </button>
      </div>
      <FormOutcome state={state} />
      <OneTimeSecret secret={state.secret} label="New API key (shown once)" />
    </form>
  );
}

export function RevokeApiKeyForm({ accountId, keyId, label }: { accountId: string; keyId: string; label: string }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(revokeApiKeyAction, IDLE);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke ${label}? Requests with it fail from now on.`)) event.preventDefault();
      }}
      className="inline-flex items-center gap-2"
    >
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="keyId" value={keyId} />
      <button type="submit" disabled={pending} className="rounded-md border border-red-300 bg-white px-3 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
        {pending ? "Revoking…" : <>Revoke<span className="sr-only"> {label}</span></>}
      </button>
      {!state.ok && state.message ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

export function MintTokenForm({ accountId }: { accountId: string }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(mintAccountTokenAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="accountId" value={accountId} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-60">
        {pending ? "Minting…" : "Mint a 1-hour bearer token"}
      </button>
      <FormOutcome state={state} />
      <OneTimeSecret secret={state.secret} label="Bearer token for POST /api/v1/issue" />
    </form>
  );
}
