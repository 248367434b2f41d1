"use client";

import { useActionState } from "react";

import { createApiKeyAction, mintAccountTokenAction, revokeApiKeyAction, type AccountFormState } from "@/app/(admin)/admin/accounts/actions";
import { IDLE } from "@/lib/http/action-state";
import { FormOutcome, OneTimeSecret } from "@/components/admin/accounts/form-bits";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

export function CreateApiKeyForm({ accountId }: { accountId: string }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(createApiKeyAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="accountId" value={accountId} />
      <div className="flex flex-wrap items-end gap-3">
        <Field id="key-mode" label="Mode">
          {(control) => (
            <select {...control} name="mode" defaultValue="test" className={`${inputClass} w-40`}>
              <option value="test">Test (sk_test_)</option>
              <option value="live">Live (sk_live_)</option>
            </select>
          )}
        </Field>
        <Field id="key-name" label="Key label">
          {(control) => <input {...control} name="name" maxLength={80} placeholder="e.g. checkout" className={`${inputClass} w-56`} />}
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create API key"}
        </Button>
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
      <Button type="submit" variant="danger" size="sm" disabled={pending}>
        {pending ? "Revoking…" : <>Revoke<span className="sr-only"> {label}</span></>}
      </Button>
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
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        {pending ? "Minting…" : "Mint a 1-hour bearer token"}
      </Button>
      <FormOutcome state={state} />
      <OneTimeSecret secret={state.secret} label="Bearer token for POST /api/v1/issue" />
    </form>
  );
}
